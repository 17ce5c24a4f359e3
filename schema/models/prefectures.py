"""Which bureau's region each prefecture is in: a local government's bureau follows from the first
two digits of its code (the prefecture number, 01 北海道 … 47 沖縄県).

The regions of the ten regional bureaus (総合通信局) and the Okinawa office (沖縄総合通信事務所),
as the Ministry of Internal Affairs and Communications publishes them.
"""

from __future__ import annotations

from schema.models.common import Bureau

REGIONS: dict[Bureau, tuple[int, ...]] = {
    Bureau.HOKKAIDO: (1,),
    Bureau.TOHOKU: (2, 3, 4, 5, 6, 7),  # 青森 岩手 宮城 秋田 山形 福島
    Bureau.KANTO: (8, 9, 10, 11, 12, 13, 14, 19),  # 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 山梨
    Bureau.SHINETSU: (15, 20),  # 新潟 長野
    Bureau.HOKURIKU: (16, 17, 18),  # 富山 石川 福井
    Bureau.TOKAI: (21, 22, 23, 24),  # 岐阜 静岡 愛知 三重
    Bureau.KINKI: (25, 26, 27, 28, 29, 30),  # 滋賀 京都 大阪 兵庫 奈良 和歌山
    Bureau.CHUGOKU: (31, 32, 33, 34, 35),  # 鳥取 島根 岡山 広島 山口
    Bureau.SHIKOKU: (36, 37, 38, 39),  # 徳島 香川 愛媛 高知
    Bureau.KYUSHU: (40, 41, 42, 43, 44, 45, 46),  # 福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島
    Bureau.OKINAWA: (47,),
}

BUREAU_OF_PREFECTURE: dict[int, Bureau] = {
    number: bureau for bureau, numbers in REGIONS.items() for number in numbers
}
"""Prefecture number (1–47) → its bureau."""


def bureau_of(code: str) -> Bureau | None:
    """The bureau of a local government by its code; None for a code of no prefecture."""
    if len(code) < 2 or not code[:2].isdigit():
        return None
    return BUREAU_OF_PREFECTURE.get(int(code[:2]))
