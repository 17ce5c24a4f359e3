"""Word lists of the synthetic repository: names, places, themes, organizations and text fragments.

Plain data only; `bench.generate` combines them with a seeded random generator. Nothing here
names a real person: names are common family and given names drawn independently.
"""

from __future__ import annotations

# Family names: kanji, kana, romaji.
FAMILY_NAMES: tuple[tuple[str, str, str], ...] = (
    ("佐藤", "さとう", "sato"), ("鈴木", "すずき", "suzuki"), ("高橋", "たかはし", "takahashi"),
    ("田中", "たなか", "tanaka"), ("伊藤", "いとう", "ito"), ("渡辺", "わたなべ", "watanabe"),
    ("山本", "やまもと", "yamamoto"), ("中村", "なかむら", "nakamura"),
    ("小林", "こばやし", "kobayashi"), ("加藤", "かとう", "kato"), ("吉田", "よしだ", "yoshida"),
    ("山田", "やまだ", "yamada"), ("佐々木", "ささき", "sasaki"), ("山口", "やまぐち", "yamaguchi"),
    ("松本", "まつもと", "matsumoto"), ("井上", "いのうえ", "inoue"), ("木村", "きむら", "kimura"),
    ("林", "はやし", "hayashi"), ("斎藤", "さいとう", "saito"), ("清水", "しみず", "shimizu"),
    ("山崎", "やまざき", "yamazaki"), ("森", "もり", "mori"), ("池田", "いけだ", "ikeda"),
    ("橋本", "はしもと", "hashimoto"), ("阿部", "あべ", "abe"), ("石川", "いしかわ", "ishikawa"),
    ("山下", "やました", "yamashita"), ("中島", "なかじま", "nakajima"), ("石井", "いしい", "ishii"),
    ("小川", "おがわ", "ogawa"), ("前田", "まえだ", "maeda"), ("岡田", "おかだ", "okada"),
    ("長谷川", "はせがわ", "hasegawa"), ("藤田", "ふじた", "fujita"), ("後藤", "ごとう", "goto"),
    ("近藤", "こんどう", "kondo"), ("村上", "むらかみ", "murakami"), ("遠藤", "えんどう", "endo"),
    ("青木", "あおき", "aoki"), ("坂本", "さかもと", "sakamoto"), ("福田", "ふくだ", "fukuda"),
    ("太田", "おおた", "ota"), ("西村", "にしむら", "nishimura"), ("藤井", "ふじい", "fujii"),
    ("金子", "かねこ", "kaneko"), ("岡本", "おかもと", "okamoto"), ("藤原", "ふじわら", "fujiwara"),
    ("中野", "なかの", "nakano"), ("三浦", "みうら", "miura"), ("原田", "はらだ", "harada"),
    ("中川", "なかがわ", "nakagawa"), ("松田", "まつだ", "matsuda"), ("竹内", "たけうち", "takeuchi"),
    ("小野", "おの", "ono"), ("田村", "たむら", "tamura"), ("中山", "なかやま", "nakayama"),
    ("和田", "わだ", "wada"), ("石田", "いしだ", "ishida"), ("森田", "もりた", "morita"),
    ("上田", "うえだ", "ueda"), ("原", "はら", "hara"), ("内田", "うちだ", "uchida"),
    ("柴田", "しばた", "shibata"), ("酒井", "さかい", "sakai"), ("宮崎", "みやざき", "miyazaki"),
    ("横山", "よこやま", "yokoyama"), ("高木", "たかぎ", "takagi"), ("安藤", "あんどう", "ando"),
    ("宮本", "みやもと", "miyamoto"), ("大野", "おおの", "ohno"), ("小島", "こじま", "kojima"),
    ("谷口", "たにぐち", "taniguchi"), ("今井", "いまい", "imai"), ("工藤", "くどう", "kudo"),
    ("高田", "たかだ", "takada"), ("増田", "ますだ", "masuda"), ("丸山", "まるやま", "maruyama"),
    ("杉山", "すぎやま", "sugiyama"), ("村田", "むらた", "murata"), ("大塚", "おおつか", "otsuka"),
    ("新井", "あらい", "arai"), ("小山", "こやま", "koyama"), ("平野", "ひらの", "hirano"),
    ("藤本", "ふじもと", "fujimoto"), ("河野", "こうの", "kono"), ("上野", "うえの", "ueno"),
    ("野口", "のぐち", "noguchi"), ("武田", "たけだ", "takeda"), ("松井", "まつい", "matsui"),
    ("千葉", "ちば", "chiba"), ("岩崎", "いわさき", "iwasaki"), ("菅原", "すがわら", "sugawara"),
    ("木下", "きのした", "kinoshita"), ("久保", "くぼ", "kubo"), ("佐野", "さの", "sano"),
    ("野村", "のむら", "nomura"), ("松尾", "まつお", "matsuo"), ("市川", "いちかわ", "ichikawa"),
    ("菊地", "きくち", "kikuchi"), ("杉本", "すぎもと", "sugimoto"), ("古川", "ふるかわ", "furukawa"),
    ("大西", "おおにし", "onishi"), ("島田", "しまだ", "shimada"), ("水野", "みずの", "mizuno"),
    ("桜井", "さくらい", "sakurai"), ("高野", "たかの", "takano"), ("渡部", "わたべ", "watabe"),
    ("吉川", "よしかわ", "yoshikawa"), ("山内", "やまうち", "yamauchi"), ("西田", "にしだ", "nishida"),
    ("飯田", "いいだ", "iida"), ("西川", "にしかわ", "nishikawa"), ("小松", "こまつ", "komatsu"),
    ("北村", "きたむら", "kitamura"), ("安田", "やすだ", "yasuda"), ("五十嵐", "いがらし", "igarashi"),
    ("川口", "かわぐち", "kawaguchi"), ("平田", "ひらた", "hirata"), ("関", "せき", "seki"),
    ("中田", "なかた", "nakata"), ("久保田", "くぼた", "kubota"), ("服部", "はっとり", "hattori"),
    ("東", "あずま", "azuma"), ("岩田", "いわた", "iwata"), ("土屋", "つちや", "tsuchiya"),
    ("川崎", "かわさき", "kawasaki"), ("福島", "ふくしま", "fukushima"), ("本田", "ほんだ", "honda"),
    ("辻", "つじ", "tsuji"), ("樋口", "ひぐち", "higuchi"), ("秋山", "あきやま", "akiyama"),
    ("田口", "たぐち", "taguchi"), ("永井", "ながい", "nagai"), ("山中", "やまなか", "yamanaka"),
    ("中西", "なかにし", "nakanishi"), ("吉村", "よしむら", "yoshimura"), ("川上", "かわかみ", "kawakami"),
    ("大橋", "おおはし", "ohashi"), ("石原", "いしはら", "ishihara"), ("松岡", "まつおか", "matsuoka"),
    ("浜田", "はまだ", "hamada"), ("馬場", "ばば", "baba"), ("森本", "もりもと", "morimoto"),
    ("矢野", "やの", "yano"), ("浅野", "あさの", "asano"), ("松下", "まつした", "matsushita"),
    ("星野", "ほしの", "hoshino"), ("大久保", "おおくぼ", "okubo"), ("吉岡", "よしおか", "yoshioka"),
    ("小池", "こいけ", "koike"), ("野田", "のだ", "noda"), ("荒木", "あらき", "araki"),
    ("大谷", "おおたに", "otani"), ("内藤", "ないとう", "naito"), ("松浦", "まつうら", "matsuura"),
    ("熊谷", "くまがい", "kumagai"), ("黒田", "くろだ", "kuroda"), ("尾崎", "おざき", "ozaki"),
    ("永田", "ながた", "nagata"), ("川村", "かわむら", "kawamura"), ("望月", "もちづき", "mochizuki"),
    ("田辺", "たなべ", "tanabe"), ("松村", "まつむら", "matsumura"), ("堀", "ほり", "hori"),
    ("大島", "おおしま", "oshima"), ("平井", "ひらい", "hirai"), ("早川", "はやかわ", "hayakawa"),
    ("菅野", "かんの", "kanno"), ("栗原", "くりはら", "kurihara"), ("西山", "にしやま", "nishiyama"),
    ("広瀬", "ひろせ", "hirose"), ("横田", "よこた", "yokota"), ("石橋", "いしばし", "ishibashi"),
    ("萩原", "はぎわら", "hagiwara"), ("岩本", "いわもと", "iwamoto"), ("片山", "かたやま", "katayama"),
    ("関口", "せきぐち", "sekiguchi"), ("宮田", "みやた", "miyata"), ("大石", "おおいし", "oishi"),
    ("高山", "たかやま", "takayama"), ("本間", "ほんま", "honma"), ("吉野", "よしの", "yoshino"),
    ("須藤", "すどう", "sudo"), ("岡崎", "おかざき", "okazaki"), ("小田", "おだ", "oda"),
    ("鎌田", "かまた", "kamata"), ("上原", "うえはら", "uehara"), ("篠原", "しのはら", "shinohara"),
    ("小西", "こにし", "konishi"), ("松原", "まつばら", "matsubara"), ("福井", "ふくい", "fukui"),
    ("古田", "ふるた", "furuta"), ("大森", "おおもり", "omori"), ("岡村", "おかむら", "okamura"),
    ("下山", "しもやま", "shimoyama"), ("大山", "おおやま", "oyama"), ("今村", "いまむら", "imamura"),
)

# Given names: kanji, kana, romaji.
GIVEN_NAMES: tuple[tuple[str, str, str], ...] = (
    ("浩", "ひろし", "hiroshi"), ("隆", "たかし", "takashi"), ("誠", "まこと", "makoto"),
    ("健一", "けんいち", "kenichi"), ("大輔", "だいすけ", "daisuke"), ("直樹", "なおき", "naoki"),
    ("哲也", "てつや", "tetsuya"), ("翔太", "しょうた", "shota"), ("和也", "かずや", "kazuya"),
    ("達也", "たつや", "tatsuya"), ("聡", "さとし", "satoshi"), ("健太", "けんた", "kenta"),
    ("修", "おさむ", "osamu"), ("剛", "つよし", "tsuyoshi"), ("拓也", "たくや", "takuya"),
    ("亮", "りょう", "ryo"), ("雄一", "ゆういち", "yuichi"), ("正人", "まさと", "masato"),
    ("秀樹", "ひでき", "hideki"), ("久和", "ひさかず", "hisakazu"), ("孝雄", "たかお", "takao"),
    ("博之", "ひろゆき", "hiroyuki"), ("克也", "かつや", "katsuya"), ("洋平", "ようへい", "yohei"),
    ("俊介", "しゅんすけ", "shunsuke"), ("裕介", "ゆうすけ", "yusuke"), ("淳", "じゅん", "jun"),
    ("学", "まなぶ", "manabu"), ("勝", "まさる", "masaru"), ("豊", "ゆたか", "yutaka"),
    ("康弘", "やすひろ", "yasuhiro"), ("智也", "ともや", "tomoya"), ("光太郎", "こうたろう", "kotaro"),
    ("慎一", "しんいち", "shinichi"), ("一郎", "いちろう", "ichiro"), ("賢治", "けんじ", "kenji"),
    ("昌弘", "まさひろ", "masahiro"), ("浩二", "こうじ", "koji"), ("徹", "とおる", "toru"),
    ("美幸", "みゆき", "miyuki"), ("理栄", "りえ", "rie"), ("水帆", "みずほ", "mizuho"),
    ("紗代子", "さよこ", "sayoko"), ("茜", "あかね", "akane"), ("恵子", "けいこ", "keiko"),
    ("由美", "ゆみ", "yumi"), ("真由美", "まゆみ", "mayumi"), ("陽子", "ようこ", "yoko"),
    ("直子", "なおこ", "naoko"), ("智子", "ともこ", "tomoko"), ("裕子", "ゆうこ", "yuko"),
    ("幸子", "さちこ", "sachiko"), ("明美", "あけみ", "akemi"), ("久美子", "くみこ", "kumiko"),
    ("綾", "あや", "aya"), ("彩香", "さやか", "sayaka"), ("麻衣", "まい", "mai"),
    ("愛", "あい", "ai"), ("千尋", "ちひろ", "chihiro"), ("香織", "かおり", "kaori"),
    ("美穂", "みほ", "miho"), ("沙織", "さおり", "saori"), ("奈々", "なな", "nana"),
    ("里美", "さとみ", "satomi"), ("純子", "じゅんこ", "junko"), ("由紀", "ゆき", "yuki"),
    ("菜摘", "なつみ", "natsumi"), ("梓", "あずさ", "azusa"), ("遥", "はるか", "haruka"),
    ("葵", "あおい", "aoi"), ("結衣", "ゆい", "yui"), ("真理", "まり", "mari"),
    ("早苗", "さなえ", "sanae"), ("晴美", "はるみ", "harumi"), ("亜希子", "あきこ", "akiko"),
    ("京子", "きょうこ", "kyoko"), ("典子", "のりこ", "noriko"), ("孝", "たかし", "takashi"),
    ("和彦", "かずひこ", "kazuhiko"), ("信也", "しんや", "shinya"), ("悠", "はるか", "haruka"),
)

# The 47 prefectures in code order (01 北海道 … 47 沖縄県), for the synthetic fallback.
PREFECTURES: tuple[tuple[str, str], ...] = (
    ("北海道", "ほっかいどう"), ("青森県", "あおもりけん"), ("岩手県", "いわてけん"),
    ("宮城県", "みやぎけん"), ("秋田県", "あきたけん"), ("山形県", "やまがたけん"),
    ("福島県", "ふくしまけん"), ("茨城県", "いばらきけん"), ("栃木県", "とちぎけん"),
    ("群馬県", "ぐんまけん"), ("埼玉県", "さいたまけん"), ("千葉県", "ちばけん"),
    ("東京都", "とうきょうと"), ("神奈川県", "かながわけん"), ("新潟県", "にいがたけん"),
    ("富山県", "とやまけん"), ("石川県", "いしかわけん"), ("福井県", "ふくいけん"),
    ("山梨県", "やまなしけん"), ("長野県", "ながのけん"), ("岐阜県", "ぎふけん"),
    ("静岡県", "しずおかけん"), ("愛知県", "あいちけん"), ("三重県", "みえけん"),
    ("滋賀県", "しがけん"), ("京都府", "きょうとふ"), ("大阪府", "おおさかふ"),
    ("兵庫県", "ひょうごけん"), ("奈良県", "ならけん"), ("和歌山県", "わかやまけん"),
    ("鳥取県", "とっとりけん"), ("島根県", "しまねけん"), ("岡山県", "おかやまけん"),
    ("広島県", "ひろしまけん"), ("山口県", "やまぐちけん"), ("徳島県", "とくしまけん"),
    ("香川県", "かがわけん"), ("愛媛県", "えひめけん"), ("高知県", "こうちけん"),
    ("福岡県", "ふくおかけん"), ("佐賀県", "さがけん"), ("長崎県", "ながさきけん"),
    ("熊本県", "くまもとけん"), ("大分県", "おおいたけん"), ("宮崎県", "みやざきけん"),
    ("鹿児島県", "かごしまけん"), ("沖縄県", "おきなわけん"),
)

# Syllables of synthetic place names: kanji and reading.
PLACE_PARTS: tuple[tuple[str, str], ...] = (
    ("山", "やま"), ("川", "かわ"), ("田", "た"), ("野", "の"), ("原", "はら"), ("沢", "さわ"),
    ("島", "しま"), ("浜", "はま"), ("崎", "さき"), ("岡", "おか"), ("森", "もり"), ("石", "いし"),
    ("松", "まつ"), ("桜", "さくら"), ("北", "きた"), ("南", "みなみ"), ("東", "ひがし"),
    ("西", "にし"), ("中", "なか"), ("上", "かみ"), ("下", "しも"), ("大", "おお"), ("小", "こ"),
    ("高", "たか"), ("新", "にい"), ("古", "ふる"), ("若", "わか"), ("青", "あお"), ("白", "しら"),
    ("黒", "くろ"), ("赤", "あか"), ("朝", "あさ"), ("日", "ひ"), ("月", "つき"), ("星", "ほし"),
    ("水", "みず"), ("清", "きよ"), ("富", "とみ"), ("宮", "みや"), ("瀬", "せ"), ("津", "つ"),
    ("江", "え"), ("井", "い"), ("谷", "たに"), ("里", "さと"), ("葉", "は"), ("根", "ね"),
)

BUREAU_NAMES: dict[str, str] = {
    "hokkaido": "北海道総合通信局", "tohoku": "東北総合通信局", "kanto": "関東総合通信局",
    "shinetsu": "信越総合通信局", "hokuriku": "北陸総合通信局", "tokai": "東海総合通信局",
    "kinki": "近畿総合通信局", "chugoku": "中国総合通信局", "shikoku": "四国総合通信局",
    "kyushu": "九州総合通信局", "okinawa": "沖縄総合通信事務所",
}

BUREAU_PHONES: dict[str, str] = {
    "hokkaido": "011-709-2311", "tohoku": "022-221-0641", "kanto": "03-6238-1690",
    "shinetsu": "026-234-9933", "hokuriku": "076-233-4431", "tokai": "052-971-9105",
    "kinki": "06-6942-8527", "chugoku": "082-222-3324", "shikoku": "089-936-5061",
    "kyushu": "096-326-7825", "okinawa": "098-865-2300",
}

# Prefecture number (the first two digits of a code) → bureau.
BUREAU_OF_PREFECTURE: dict[int, str] = {
    1: "hokkaido",
    **dict.fromkeys(range(2, 8), "tohoku"),
    **dict.fromkeys((8, 9, 10, 11, 12, 13, 14, 19), "kanto"),
    15: "shinetsu", 20: "shinetsu",
    16: "hokuriku", 17: "hokuriku", 18: "hokuriku",
    **dict.fromkeys((21, 22, 23, 24), "tokai"),
    **dict.fromkeys(range(25, 31), "kinki"),
    **dict.fromkeys(range(31, 36), "chugoku"),
    **dict.fromkeys(range(36, 40), "shikoku"),
    **dict.fromkeys(range(40, 47), "kyushu"),
    47: "okinawa",
}

# How often each bureau holds a meeting (Kanto has the most local governments).
BUREAU_WEIGHTS: dict[str, int] = {
    "hokkaido": 8, "tohoku": 10, "kanto": 22, "shinetsu": 5, "hokuriku": 5, "tokai": 10,
    "kinki": 12, "chugoku": 7, "shikoku": 6, "kyushu": 12, "okinawa": 3,
}

# Themes: id, label, English label, description (or None).
THEMES: tuple[tuple[str, str, str, str | None], ...] = (
    ("bpr", "業務改革(BPR)", "Business process re-engineering",
     "業務の流れを見直し、システム導入と合わせて窓口や事務を改革すること。"),
    ("digital-divide", "デジタルデバイド対策", "Digital divide",
     "高齢者などデジタル技術を使いにくい住民への支援。"),
    ("dx-talent", "DX人材育成・活用", "Developing and using DX talent", None),
    ("online-procedures", "行政手続きオンライン化", "Online administrative procedures", None),
    ("planning-support", "計画策定支援", "Support for planning", "DX推進計画などの策定の支援。"),
    ("system-standardization", "自治体システム標準化", "Standardization of local government systems",
     None),
    ("workation", "ワーケーション・テレワーク", "Workation and telework", None),
    ("open-data", "オープンデータ", "Open data", "行政データの公開と民間による利活用。"),
    ("cloud", "クラウド活用", "Cloud computing", None),
    ("security", "情報セキュリティ対策", "Information security",
     "情報セキュリティポリシーの見直しと職員研修。"),
    ("rpa", "RPA・AI-OCR", "RPA and AI-OCR", "定型業務の自動化と紙の帳票の読み取り。"),
    ("ai", "AI活用", "Using AI", None),
    ("generative-ai", "生成AIの活用", "Generative AI", "文書作成や問い合わせ対応への生成AIの利用。"),
    ("my-number", "マイナンバーカード利活用", "Using the My Number card", None),
    ("cashless", "キャッシュレス決済", "Cashless payment", "窓口や公共施設でのキャッシュレス決済の導入。"),
    ("smart-city", "スマートシティ", "Smart city", None),
    ("iot", "IoT・センサー活用", "IoT and sensors", None),
    ("local-5g", "5G・ローカル5G", "5G and local 5G", None),
    ("gis", "地理空間情報(GIS)", "Geographic information systems", None),
    ("disaster-prevention", "防災・減災へのICT活用", "ICT for disaster prevention",
     "災害情報の収集と住民への伝達。"),
    ("education", "教育ICT(GIGAスクール)", "ICT in education (GIGA School)", None),
    ("healthcare", "医療・介護・健康分野のICT", "ICT in health and care", None),
    ("smart-agriculture", "スマート農業", "Smart agriculture", None),
    ("tourism", "観光DX", "Tourism DX", "観光客の動態把握とデジタルマーケティング。"),
    ("regional-revitalization", "地域活性化・関係人口", "Regional revitalization", None),
    ("broadband", "光ファイバ・ブロードバンド整備", "Broadband infrastructure", None),
    ("public-wifi", "公衆無線LAN", "Public Wi-Fi", None),
    ("ebpm", "データ利活用・EBPM", "Evidence-based policy making",
     "統計や業務データに基づく政策立案。"),
    ("city-promotion", "シティプロモーション・SNS発信", "City promotion and social media", None),
    ("paperless", "ペーパーレス・電子決裁", "Paperless offices and e-approval", None),
    ("chatbot", "AIチャットボット", "AI chatbots", None),
    ("kakanai-madoguchi", "書かない窓口", "Counters without forms",
     "申請書を書かずに手続きが済む窓口。"),
    ("ict-procurement", "ICT調達・仕様書作成", "ICT procurement and specifications", None),
    ("mobility", "地域交通・MaaS", "Local transport and MaaS", None),
    ("childcare", "子育て支援のデジタル化", "Digital childcare support", None),
    ("local-currency", "電子地域通貨・ポイント", "Digital local currency", None),
    ("local-industry", "地場産業のDX", "DX of local industry", None),
    ("civic-tech", "住民参加・シビックテック", "Civic participation and civic tech", None),
    ("joint-procurement", "自治体間連携・共同調達", "Joint work and procurement between governments",
     None),
    ("telework", "テレワーク導入", "Telework", None),
)

UNIVERSITIES = (
    "東京", "千葉", "筑波", "慶應義塾", "早稲田", "東北", "名古屋", "京都", "大阪", "九州", "北海道",
    "広島", "岡山", "香川", "琉球", "金沢", "信州", "新潟", "静岡", "熊本", "会津", "亜細亜", "法政",
    "中央", "明治", "立命館", "関西", "同志社", "公立はこだて未来", "情報セキュリティ",
)
FACULTIES = (
    "情報学部", "工学部", "経済学部", "法学部", "総合政策学部", "都市創造学部", "公共政策大学院",
    "情報科学研究科", "社会情報学部", "地域創生学部",
)
ACADEMIC_TITLES = ("教授", "准教授", "特任教授", "客員教授", "講師")
COMPANIES = (
    "地域情報研究所", "デジタル行政総研", "ローカルDX", "まちづくりデザイン", "スマートシティ企画",
    "クラウドパートナーズ", "未来共創ラボ", "データアナリティクス", "自治体ソリューションズ",
    "ネクストガバメント", "情報システム監査", "地域創生コンサルティング", "ICTまちづくり研究所",
    "みらい情報技術", "行政経営研究所",
)
COMPANY_TITLES = (
    "代表取締役", "取締役", "シニアコンサルタント", "主任研究員", "マネージャー", "顧問",
    "パブリックセクター事業部長", "チーフエバンジェリスト",
)
ASSOCIATIONS = (
    ("一般社団法人", "オープンデータ推進機構"), ("一般社団法人", "地域情報化推進協会"),
    ("特定非営利活動法人", "シビックテック協議会"), ("一般社団法人", "デジタル地域づくり機構"),
    ("特定非営利活動法人", "ICT地域活性化ネットワーク"), ("一般財団法人", "地域情報化支援センター"),
    ("一般社団法人", "リンクデータ"), ("特定非営利活動法人", "情報化支援ネット"),
)
ASSOCIATION_TITLES = ("代表理事", "理事", "事務局長", "理事長", "専務理事")
MUNICIPAL_ADVISOR_TITLES = (
    "企画部 DX推進課長", "総務部 情報政策課 主査", "最高デジタル責任者(CDO)", "デジタル戦略室長",
    "市民生活部 主任", "情報管理課 係長", "DX推進監", "企画財政部次長兼デジタル戦略室長(CDO)",
    "市民生活部収税課 主査",
)

DEPARTMENTS = (
    "企画政策課", "情報政策課", "DX推進課", "デジタル推進室", "総務課", "市民課", "財政課",
    "行政改革推進室", "情報システム課", "地域振興課", "商工観光課", "防災危機管理課",
    "子育て支援課", "健康推進課", "教育委員会事務局 学校教育課", "税務課", "秘書広報課",
)
POSITIONS = ("課長", "課長補佐", "係長", "主査", "主任", "主事", "室長", "担当")

# Bureau officials, by rank: (key suffix, title after the bureau's name).
BUREAU_OFFICIALS = (
    ("director", "長"),
    ("department", "情報通信部長"),
    ("division", "情報通信部 情報通信振興課長"),
    ("staff", "情報通信部 情報通信振興課 課長補佐"),
    ("clerk", "情報通信部 情報通信振興課 係長"),
)
MINISTRY_DIVISIONS = (
    "総務省情報流通行政局 地域通信振興課",
    "総務省自治行政局 地域力創造グループ 地域情報化企画室",
    "総務省自治行政局 行政経営支援室",
    "総務省自治行政局 住民制度課 デジタル基盤推進室",
    "総務省サイバーセキュリティ統括官室",
)
MINISTRY_TITLES = ("課長補佐", "室長", "企画官", "係長", "専門職")

QUESTION_TEMPLATES = (
    "{label}を進めるにあたり、どこから取りかかり、どのように進めていけば良いか。",
    "{label}について、庁内の合意形成をどのように図れば良いか。",
    "職員数の少ない団体で{label}を進める際、担当者をどのように確保すれば良いか。",
    "{label}の費用対効果を議会や住民にどのように説明すれば良いか。",
    "{label}に関する他団体の先進事例と、導入時に苦労した点を教えてほしい。",
    "{label}の推進体制として、どのような組織や役割分担が望ましいか。",
    "住民や事業者の理解を得ながら{label}を進めるにはどうすれば良いか。",
    "{label}に関して、国の補助制度や交付金をどのように活用できるか。",
    "{label}の取組を一過性で終わらせず、継続させるための工夫は何か。",
    "{label}を進めるうえで、ベンダーとの役割分担をどのように整理すべきか。",
    "業務が煩雑にならないよう、{label}と既存の紙の運用を併用するにはどうすれば良いか。",
    "{label}の効果をどのような指標で測定し、改善につなげれば良いか。",
)
QUESTION_CONTEXTS = (
    "専任の担当者を置けず、他業務と兼務で対応している。",
    "計画は策定したものの、進捗が芳しくない。",
    "高齢化率が高く、住民のデジタル活用に不安がある。",
    "庁内の各課で取組がばらばらになっている。",
    "予算の確保が難しく、優先順位を付ける必要がある。",
    "昨年度から検討を始めたが、具体的な手順が分からない。",
)
ADVICE = (
    "まずは現状の業務を可視化し、課題の優先順位を付けることから始めてはどうか",
    "首長や幹部の理解を得て、全庁的な推進体制を整えることが重要である",
    "小さく始めて効果を示し、段階的に対象を広げていくと良い",
    "先行団体の事例を参考にしつつ、自らの地域の実情に合わせて取り組むことが大切",
    "外部人材やアドバイザー制度を活用し、職員の負担を抑えながら進めてはどうか",
    "住民の視点に立ち、利用者が本当に便利になるかを常に確かめることが必要",
    "ベンダー任せにせず、仕様を自ら説明できる職員を育てることが肝要",
    "近隣の団体と連携し、共同で調達や研修を行うことで費用を抑えられる",
    "データに基づいて効果を測定し、議会や住民に説明できるようにしておくと良い",
    "紙の手続きもしばらくは併用し、誰一人取り残さない配慮が求められる",
    "目的と手段を取り違えないよう、なぜ取り組むのかを最初に言語化しておくべき",
    "国の補助制度や交付金の要件を早めに確認し、計画に織り込んでおくと良い",
    "庁内の若手職員を巻き込み、ワークショップ形式でアイデアを出し合うと効果的",
    "セキュリティと利便性のバランスを意識し、国のガイドラインに沿って整理すること",
    "事業者や大学など地域の担い手と協力し、持続可能な体制を作ることが大切",
    "課題解決なのか目標達成なのかを明確にすると、取組の道筋が見えやすくなる",
    "申請だけでなく内部の事務処理まで見直さなければ、かえって業務が煩雑になる",
)
OPINIONS = (
    "アドバイザーと団体が継続的に意見交換できる場があると良い。",
    "相談できるテーマを事前に整理しておくと、当日の議論が深まる。",
    "他団体の失敗事例も共有してもらえると参考になる。",
    "小規模な団体でも使える、費用の小さい解決策を知りたい。",
    "オンライン開催は参加しやすいが、対面での交流の機会も残してほしい。",
    "派遣後のフォローアップの仕組みがあると、取組が定着しやすい。",
    "職員の意識改革には、首長のメッセージが欠かせない。",
    "住民向けの説明資料のひな形があると助かる。",
    "都道府県が市町村を支援する役割をもっと明確にすべきだ。",
    "データの標準化が進めば、団体間の連携はさらに容易になる。",
)
PRESENTATION_TITLES = (
    "{place}における{label}の取組",
    "{label}による業務改革の実践",
    "{label}の導入と効果検証",
    "{label}を進めるための体制づくり",
    "住民サービス向上に向けた{label}",
    "{place}の{label} ― 導入から定着まで",
)
PRESENTATION_SUMMARIES = (
    "{place}における{label}の取組について、導入の経緯、効果、今後の課題を発表いただきました。",
    "{label}の実践例として、庁内の推進体制と住民への周知の工夫を紹介いただきました。",
    "{label}について、アドバイザー制度を活用した支援の成果と、その後の庁内の取組を発表いただきました。",
)
BRIEFING_TITLES = (
    "{label}に関する国の施策について",
    "自治体DX推進計画の改定について",
    "地域情報化アドバイザー制度について",
    "デジタル田園都市国家構想の推進について",
    "自治体情報システムの標準化・共通化について",
)
OTHER_ITEM_TITLES = ("情報提供", "事務連絡", "アンケート記入", "名刺交換会", "施設見学")
DISCUSSION_TITLES = ("意見交換", "全体討議", "グループディスカッション", "質疑応答・意見交換")
OTHER_MEETING_NAMES = (
    ("seminar", "地域情報化セミナー"), ("forum", "地域DXフォーラム"),
    ("workshop", "自治体DXワークショップ"), ("symposium", "地域情報化シンポジウム"),
)
Q_AND_A_TOOLS = ("Slido", "Zoomのチャット", "Webex Q&A", "Microsoft Forms")
VENUES = ("合同庁舎 会議室", "研修室", "大会議室", "市民交流センター ホール", "産業会館 会議室")
MEETING_THEME_TITLES = (
    "自治体のDX推進について", "地域課題の解決に向けたデジタル活用", "行政サービスのデジタル化と人材育成",
    "データ利活用による地域づくり", "誰一人取り残されないデジタル社会に向けて",
)
DIGITAL_POSTS = ("CIO補佐官", "CDO", "DX推進アドバイザー", "デジタル化推進監", "情報化統括責任者補佐官")
UNNAMED_FACILITATORS = ("アドバイザー3名", "企画会のアドバイザー有志", "各テーブルのアドバイザー")
