"""Example records that set every field of every model: the examples of docs/records.md, and a
record the tests show in full. Written as the canonical writer writes them; a test checks that
they validate, are canonical, and leave no field of any model without an example.

The content is made up (it follows the shape of real reports; the people are not real).
"""

from __future__ import annotations

EXAMPLE_SETTINGS = '''\
bureau = "kanto"
note = "関東総合通信局の記録。"
'''

EXAMPLE_THEMES = '''\
[themes.online-procedures]
label = "行政手続きオンライン化"
kana = "ぎょうせいてつづきおんらいんか"
label_en = "Online administrative procedures"
aliases = [
    "行政手続きのオンライン化",
]
description = "申請や届出をオンラインで受け付けること。"
note = "令和4年度のアンケートで1位。"
'''

EXAMPLE_MUNICIPALITIES = '''\
[municipalities.110001]
name = "埼玉県"
kana = "さいたまけん"
kind = "prefecture"
url = "https://www.pref.saitama.lg.jp/"

[municipalities.112241]
name = "戸田市"
kana = "とだし"
kind = "city"
url = "https://www.city.toda.saitama.jp/"
note = "note だけは手で書く(ほかの項目は全国の一覧から取り込む)。"
'''

EXAMPLE_ADVISORS = '''\
[advisors.matsunaga-tomoya]
name = "松永 智也"
kana = "まつなが ともや"
name_en = "Tomoya Matsunaga"
expertise = [
    "online-procedures",
]
bureaus = [
    "kanto",
]
fiscal_years = [
    2022,
    2023,
]
url = "https://example.jp/advisors/matsunaga-tomoya"
note = "架空の人物(例)。"

[[advisors.matsunaga-tomoya.affiliations]]
organization = "戸田市"
title = "CIO補佐官"
municipality = "112241"
fiscal_years = [
    2023,
]
note = "令和5年度から。"
'''

EXAMPLE_MEETING_ID = "2023-11-14-kanto-advisor-meeting"

EXAMPLE_MEETING = '''\
id = "2023-11-14-kanto-advisor-meeting"
title = "令和5年度 関東総合通信局 地域情報化アドバイザー会議"
kind = "advisor-meeting"
bureau = "kanto"
date = 2023-11-14
end_date = 2023-11-15
start_time = 13:30:00
end_time = 16:30:00
fiscal_year = 2023
format = "hybrid"
themes = [
    "online-procedures",
]
theme_title = "自治体のDX推進について"
municipalities = [
    "112241",
]
purpose = "アドバイザーと地方公共団体との相互交流を図る。"
summary = """
第1部で支援成果を紹介し、第2部でアドバイザーが意見を交わした。
来年度以降の制度運用に生かす。"""
published = 2023-12-20
url = "https://www.soumu.go.jp/soutsu/kanto/example.html"
headline = "「令和5年度 関東総合通信局 地域情報化アドバイザー会議」の開催"
leaders = [
    "matsunaga",
]
note = "架空の例。"

[venue]
name = "戸田市役所 5階 大会議室"
municipality = "112241"
address = "埼玉県戸田市上戸田1-18-1"
note = "オンライン参加も可。"

[[unnamed]]
role = "leaders"
description = "ブロック幹事のアドバイザー"
count = 2
note = "報告に名前の記載なし。"

[attendance]
advisors = 15
municipalities = 12
municipal_staff = 20
officials = 4
others = 2
advisors_scope = "関東地方に活動拠点を持つ"
municipalities_scope = "関東管内"
verb = "took-part"
note = "会場とオンラインの合計。"

[attendance.observers]
municipalities = 3
people = 5
named = [
    "112241",
]
municipalities_scope = "関東管内"
note = "傍聴した団体のうち1団体のみ記載。"

[dispatch]
advisor = "matsunaga-tomoya"
municipality = "112241"
note = "会議に合わせて派遣。"

[[materials]]
title = "出席者一覧"
url = "https://www.soumu.go.jp/soutsu/kanto/example.pdf"
format = "PDF"
note = "内容はこの記録に含まない。"

[parts.part1]
title = "第1部 支援成果等紹介"
audience = "自治体職員・アドバイザー"
format = "hybrid"
start_time = 13:30:00
end_time = 15:00:00
note = "録画を後日公開。"

[parts.part1.attendance]
municipalities = 12
municipal_staff = 20

[people.matsunaga]
name = "松永 智也"
kana = "まつなが ともや"
title = "戸田市CIO補佐官 蕨市CDO"
role = "advisor"
introduced_as = "今回の会議の企画を担っていただいた"
advisor = "matsunaga-tomoya"
municipalities = [
    "112241",
]
note = "二つの団体の役職を兼ねる。"

[[agenda]]
kind = "opening-remarks"
title = "開会挨拶"
part = "part1"
heading = "開会"
start_time = 13:30:00
end_time = 13:35:00
summary = "局長が挨拶した。"
facilitators = [
    "matsunaga",
]
themes = [
    "online-procedures",
]
municipalities = [
    "112241",
]
note = "司会も兼ねる。"
speakers = [
    "matsunaga",
]

[[agenda.unnamed]]
role = "speakers"
description = "関東総合通信局長"
count = 1
person_role = "official"
note = "報告に名前の記載なし。"

[[agenda]]
kind = "briefing"
title = "自治体DXの推進について"
division = "総務省自治行政局地域力創造グループ地域情報化企画室"
speakers = [
    "matsunaga",
]

[[agenda.materials]]
title = "説明資料"
format = "PDF"

[[agenda.questions]]
text = "補助金の申請時期はいつか。"
by = [
    "matsunaga",
]
municipalities = [
    "112241",
]
to = [
    "matsunaga",
]
note = "事前質問。"

[[agenda.questions.answers]]
text = "例年、春に公募する。"
by = [
    "matsunaga",
]
municipalities = [
    "112241",
]
note = "資料p.3。"

[[agenda]]
kind = "activity-report"
title = "アドバイザー活動報告"
speakers = [
    "matsunaga",
]

[[agenda.materials]]
title = "活動報告"

[[agenda.questions]]
text = "派遣の申込み方法は。"
unanswered = true

[[agenda]]
kind = "presentation"
title = "書かない窓口の導入"
presenters = [
    "matsunaga",
]

[[agenda.materials]]
title = "発表資料"
format = "PDF"

[[agenda.questions]]
text = "職員の抵抗感をどう減らしたか。"
anonymous = true
via = "Slido"

[[agenda.questions.answers]]
text = "小さな業務から始め、効果を数字で示した。"

[[agenda]]
kind = "survey"
title = "事前アンケート結果紹介"
presenters = [
    "matsunaga",
]
question = "関心のあるテーマ"
surveyed = "自治体職員"
responses = 42

[[agenda.ranking]]
rank = 1
label = "行政手続きオンライン化"
theme = "online-procedures"
votes = 18
note = "前年も1位。"

[[agenda]]
kind = "consultation"
title = "オンライン相談会"

[[agenda.topics]]
theme = "online-procedures"
title = "行政手続きオンライン化"
respondents = [
    "matsunaga",
]
municipalities = [
    "112241",
]
note = "回答者は写真説明による。"

[[agenda.topics.questions]]
text = "紙の運用との併用はどうすればよいか。"

[[agenda.topics.answers]]
text = "申請管理システムを活用すると効率的になる。"

[[agenda.topics.unnamed]]
role = "respondents"
description = "アドバイザー2名"

[[agenda]]
kind = "discussion"
title = "意見交換"

[[agenda.opinions]]
text = "派遣後のフォローアップがあると定着しやすい。"
by = [
    "matsunaga",
]
municipalities = [
    "112241",
]
note = "複数の団体から同意見。"

[[agenda]]
kind = "qa"
title = "質疑応答"
addressees = [
    "matsunaga",
]

[[agenda.questions]]
text = "小規模団体での体制づくりの工夫は。"

[[agenda]]
kind = "other"
title = "事務連絡"
speakers = [
    "matsunaga",
]

[[agenda.materials]]
title = "事務連絡"

[[agenda.questions]]
text = "次回の日程は。"

[contact]
organization = "総務省関東総合通信局"
division = "情報通信部情報通信振興課"
names = [
    "大江",
]
phone = "03-6238-1690"
email = "kanto-example@soumu.go.jp"
note = "平日9時から17時。"
'''

EXAMPLE_FILES: dict[str, str] = {
    "daicho.toml": EXAMPLE_SETTINGS,
    "themes.toml": EXAMPLE_THEMES,
    "municipalities.toml": EXAMPLE_MUNICIPALITIES,
    "advisors.toml": EXAMPLE_ADVISORS,
    f"meetings/{EXAMPLE_MEETING_ID}.toml": EXAMPLE_MEETING,
}
"""A repository of one example of each file; it validates with no problem."""
