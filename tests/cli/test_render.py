"""`daicho render meeting ID`: the public report of a meeting.

The seed report (tests/fixtures) is read for its facts — publication line, headline, lead sentence,
section headings, the sentences of 概要 and of each item with their connectives (冒頭、続いて、その後、
最後に、), every person with their reading, the survey and its ranking lines, the presenters' lines with
their talks, every question and answer bullet, the respondents, the contact lines — and the rendered
report must hold each of them, in the seed's order, in Markdown and in HTML alike. The seed's
sentences that point at a PDF without its address (「発表資料はこちらPDFをご覧ください。」; the record has
no address) are not printed, and neither is the section 出席者, whose only sentence is one of them.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from daicho.main import main
from tests.helpers import SEED, V2_MEETING, V2_SESSION, make_v2_repo

SEED_ID = "2022-10-05-kanto-advisor-meeting"


def render(repo: Path, meeting: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--repo", str(repo), "render", "meeting", meeting, "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


class _Text(HTMLParser):
    """The text of an HTML document, as a reader sees it (no tags, entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "title")
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "title")
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible(document: str, fmt: str) -> str:
    """What a reader of the report sees, whitespace made single spaces: Markdown is rendered to
    HTML first (so escapes and markup are gone)."""
    markup = MarkdownIt("commonmark").render(document) if fmt == "md" else document
    parser = _Text()
    parser.feed(markup)
    return squeeze(html.unescape("".join(parser.parts)))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def seed_facts(seed: str) -> list[str]:
    """The facts of the seed report, in its order, each with whitespace made single spaces."""
    lines = seed.splitlines()
    found: list[tuple[int, str]] = []  # (line number, fact)

    def add(number: int, fact: str) -> None:
        fact = squeeze(fact)
        if fact:
            found.append((number, fact))

    headings = {n: line for n, line in enumerate(lines) if re.fullmatch(r"\d+ \S.*", line)}
    section_of: dict[int, str] = {}
    current = ""
    for n in range(len(lines)):
        current = headings.get(n, current)
        section_of[n] = current
    for n, line in enumerate(lines):
        text = line.strip()
        section = section_of[n].split(" ", 1)[-1]
        if re.fullmatch(r"令和\d+年\d+月\d+日", text) and not found:
            add(n, text)
            add(n + 1, lines[n + 1])  # the publisher
        elif re.fullmatch(r"「.+」を開催", text) and n > 3:
            add(n, text)
        elif text.endswith("を開催しました。"):
            add(n, text)  # the lead sentence
        elif text.endswith("PDFをご覧ください。") or section == "出席者":
            continue  # a document without its address in the record: not pointed at
        elif (n in headings and section != "参考(総務省ホームページ)") or (section == "概要" and text):
            add(n, text)  # a heading (参考 lists links to the ministry's site), a sentence of 概要
        elif re.match(r"(冒頭|続いて|その後|最後に)、", text) or text.startswith("相談会では") or text.startswith(
                "関東総合通信局では"):
            add(n, text)  # the lead of an item, with its connective
        elif re.match(r"\d+位 ", text) or text == "関心のあるテーマ":
            add(n, text)
        elif section == "支援成果等紹介" and re.match(r"\d+\. ", text):
            block = [text.split(" ", 1)[1]]
            following = n + 1
            while not lines[following].strip().startswith("「"):
                block.append(lines[following])
                following += 1
            add(n, " ".join(block))  # the presenter as stated, with the reading
            add(following, lines[following])  # the talk's title
            add(following + 1, lines[following + 1])  # its summary
        elif section == "オンライン相談会" and re.fullmatch(r"\d+\. \S+", text):
            add(n, text.split(" ", 1)[1])  # a consultation theme
        elif text in ("(自治体からの主な質問)", "(アドバイザーからの主な提案・回答)") or text.startswith("• "):
            add(n, text.removeprefix("• "))
        elif text.endswith("回答者"):
            add(n, "回答者")
            add(n + 1, lines[n + 1])
        elif text == "連絡先":
            for offset in range(5):
                add(n + offset, lines[n + offset])
    for number, line in enumerate(lines):  # every person named with a reading, as stated
        for match in re.finditer(r"[^\s(、]+ [^\s(]+\([ぁ-ん]+ [ぁ-ん]+\)", line):
            add(number, match.group())
    return [fact for _, fact in sorted(found, key=lambda pair: pair[0])]


def test_the_seed_facts_are_read_from_the_seed() -> None:
    facts = seed_facts(SEED.read_text(encoding="utf-8"))
    headline = "「令和4年度 関東総合通信局 地域情報化アドバイザー会議」を開催"
    assert facts[:3] == ["令和4年11月17日", "関東総合通信局", headline]
    assert "3位 DX人材育成・活用、自治体システム標準化" in facts
    assert ("株式会社毎日みらい創造ラボ「ワーケーション」新規事業担当 "
            "株式会社毎日新聞社記者「親子ワーケーション部」代表 今村 茜(いまむら あかね)氏") in facts
    assert "亜細亜大学都市創造学部教授 ボルタージャパン顧問 岡村 久和(おかむら ひさかず)氏" in facts
    assert facts.count("課題解決なのか、目標達成なのかを明確にすると良いのではないか。") == 2  # under two themes
    assert sum(1 for f in facts if f.endswith("。")) >= 20
    assert facts[-4:] == ["総務省関東総合通信局", "情報通信部情報通信振興課", "担当:大江、安西", "TEL:03-6238-1690"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_holds_every_fact_of_the_seed_in_its_order(repo: Path, fmt: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    text = visible(render(repo, SEED_ID, fmt, capsys), fmt)
    position = 0
    for fact in seed_facts(SEED.read_text(encoding="utf-8")):
        found = text.find(fact, position)
        assert found >= 0, f"not found after position {position}: {fact}\n\n{text[position:position + 400]}"
        position = found


def test_render_markdown_reads_like_the_seed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = render(repo, SEED_ID, "md", capsys)
    assert out.startswith("令和4年11月17日\\\n関東総合通信局\n\n"
                          "# 「令和4年度 関東総合通信局 地域情報化アドバイザー会議」を開催\n")
    assert "\n## 1 概要\n" in out and "\n## 6 閉会挨拶\n" in out and "\n## 連絡先\n" in out
    assert "出席者" not in out and "ご覧ください" not in out  # no address, no pointer
    assert "(アンケート結果)\\\n関心のあるテーマ\\\n1位 行政手続きオンライン化\\\n" in out
    assert "\n1. 計画策定支援\n" in out and "\n   - 課題解決なのか" in out


def test_record_text_cannot_add_markup(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "meetings" / f"{SEED_ID}.toml"
    text = path.read_text(encoding="utf-8")
    hostile = '<script>alert(1)</script> [link](https://evil.example) *x* | ![i](https://evil.example/i.png)'
    path.write_text(text.replace('title = "親子ワーケーションの可能性"', f'title = "{hostile}"', 1), encoding="utf-8")
    page = render(repo, SEED_ID, "html", capsys)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<a " not in page and "<img" not in page
    assert hostile in visible(page, "html")
    markdown = render(repo, SEED_ID, "md", capsys)
    rendered = MarkdownIt("commonmark").render(markdown)
    assert "<script>" not in rendered and "<a " not in rendered and "<img" not in rendered and "<em>" not in rendered
    assert hostile in visible(markdown, "md")


GFM_HOSTILE = ("前置き。\n\n    four spaces make code\n見る http://evil.example と www.evil.example、"
               "連絡は @someone か a@evil.example へ。$x^2$ と $$y$$")


def test_record_text_cannot_add_links_or_maths_in_github_markdown(repo: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """GitHub-flavoured Markdown makes links of bare URLs, `www.`, mentions and e-mail addresses,
    maths of `$…$` and code of a line indented four spaces: none of them from a record's text
    (the escaping of daicho diff's Markdown, schema.words.sanitize.markdown_text)."""
    path = repo / "meetings" / f"{SEED_ID}.toml"
    text = path.read_text(encoding="utf-8")
    escaped = GFM_HOSTILE.replace("\n", "\\n")
    path.write_text(re.sub(r'^summary = "[^"\n]*"', lambda _: f'summary = "{escaped}"', text, count=1,
                           flags=re.MULTILINE), encoding="utf-8")
    markdown = render(repo, SEED_ID, "md", capsys)
    for raw in ("http://", "www.", "@someone", "a@evil", "$x", "$$y"):
        assert raw not in markdown, raw
    assert not any(line.startswith("    ") for line in markdown.splitlines())
    rendered = MarkdownIt("commonmark").render(markdown)
    assert "<pre>" not in rendered and "<code>" not in rendered
    shown = visible(markdown, "md")
    for part in GFM_HOSTILE.split("\n"):
        assert squeeze(part) in shown, part


def test_a_material_link_is_a_link(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "meetings" / f"{SEED_ID}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "出席者一覧"\nformat = "PDF"',
                                 'title = "出席者一覧"\nurl = "https://example.jp/a(1)<x>.pdf"\nformat = "PDF"', 1),
                    encoding="utf-8")
    page = render(repo, SEED_ID, "html", capsys)
    assert "<h2>7 出席者</h2>" in page
    assert '出席者一覧は<a href="https://example.jp/a(1)%3Cx%3E.pdf">こちら</a>(PDF)をご覧ください。' in page
    rendered = MarkdownIt("commonmark").render(render(repo, SEED_ID, "md", capsys))
    assert '出席者一覧は<a href="https://example.jp/a(1)%3Cx%3E.pdf">こちら</a>(PDF)をご覧ください。' in rendered


def test_every_v2_structure_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_v2_repo(tmp_path / "v2")
    text = visible(render(repo, V2_MEETING, "md", capsys), "md")
    expected = [
        # the venue and the format in the lead; the overall theme; the observers in the attendance
        # the venue and the format in the lead, ranges with ～; the overall theme; the observers and
        # their scope in the attendance
        "関東総合通信局は、令和5年11月14日(火曜日)13:30～16:30、戸田市役所 5階 大会議室において、"
        "オンライン併用により「令和5年度 関東総合通信局 地域情報化アドバイザー会議」を開催しました。",
        "今年度は、「自治体のDX推進について」をテーマに開催しました。",
        "関東管内の地方公共団体12団体20名が参加し、関東管内の地方公共団体3団体5名(蕨市、甲府市ほか)が傍聴する"
        "中での開催",
        # parts as sections, with their own times, audience, format and attendance, in a sentence
        "2 第1部 支援成果等紹介",
        "第1部は自治体職員・アドバイザーを対象に、13:30～15:00に開催し、地方公共団体12団体20名が参加しました。",
        "(1) 開会", "冒頭、関東総合通信局 情報通信部長より開会挨拶を行いました。",  # an unnamed official
        "(2) 支援成果等紹介", "続いて、2名から支援成果等についてご紹介いただきました。",
        "株式会社地域デジタル研究所 代表取締役 青柳 周氏",  # no reading recorded
        "「小布施町における書かない窓口の導入支援」",
        "職員の抵抗感をどう減らしたか。(匿名、Slido)", "回答:小さな業務から始め",
        "費用はどの程度か。(戸田市デジタル戦略室長(CDO) 大山 水帆(おおやま みずほ)氏)",
        "当日は回答に至りませんでした。",  # the record says it went unanswered
        "上尾市CIO補佐官 鴻巣市CDO 松永 智也(まつなが ともや)氏",  # several posts as stated
        "(3) 質疑応答", "青柳 周氏、松永 智也氏への質疑応答を行いました。",  # a stand-alone Q&A
        "回答(戸田市):戸田市では、外部人材と職員が組んで",  # answered by a local government
        "回答(松永 智也氏):まず職員の中に",
        "小規模団体での体制づくりの工夫は。(蕨市 総務部情報政策課 主任 田辺 結衣(たなべ ゆい)氏)",
        "3 第2部 アドバイザー意見交換会",
        "第2部はアドバイザーのみを対象に、15:15～16:30に対面で開催し、アドバイザー15名が出席しました。",
        "アドバイザー3名の進行により、意見交換を行いました。",  # unnamed facilitators
        "(主な意見)", "都道府県の役割をもっと明確にすべきだ。(大山 水帆氏)",
    ]
    position = 0
    for fact in expected:
        found = text.find(fact, position)
        assert found >= 0, f"not found after position {position}: {fact}\n\n{text}"
        position = found
    assert text.count("当日は回答に至りませんでした。") == 1  # the other unanswered question says nothing
    session = visible(render(repo, V2_SESSION, "html", capsys), "html")
    for fact in ("アドバイザーリーダーはブロック幹事のアドバイザーが務めました。",  # unnamed leaders
                 "企画会のアドバイザー有志の進行により、オンライン相談会を行いました。",
                 "DX推進計画の見直しはどの程度の頻度で行うべきか。(前橋市)",
                 "回答者 アドバイザー2名"):  # unnamed respondents
        assert fact in session, fact


def test_render_writes_a_file_atomically(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text("keep", encoding="utf-8")
    target.symlink_to(elsewhere)  # a link in the way is replaced, never written through
    code = main(["--repo", str(repo), "render", "meeting", SEED_ID, "--format", "html", "--output", str(target)])
    assert code == 0, capsys.readouterr().err
    assert not target.is_symlink() and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert elsewhere.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]  # no temporary file left


def test_render_refuses_what_it_cannot_render(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--repo", str(repo), "render", "meeting", "2022-10-05-kanto-advisor-meting"])
    err = capsys.readouterr().err
    assert code == 2 and "did you mean 2022-10-05-kanto-advisor-meeting" in err
    path = repo / "meetings" / f"{SEED_ID}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"okamura",', '"okamoto",'), encoding="utf-8")
    code = main(["--repo", str(repo), "render", "meeting", SEED_ID])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "E302" in err and "has 1 problem, so its report is not written; run daicho validate" in err
