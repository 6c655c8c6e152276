"""Draw the app icon: a gold star over 党建 in gold on a red rounded square (run once; the PNG and ICO are kept).

    python build/make_icon.py      # writes resources/icons/dangjian.png (256 px) and dangjian.ico

Pillow is already installed with reportlab. The ICO holds 16–256 px images for Windows (Explorer,
the taskbar, the installer); the PNG is the window icon on every platform.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
RED = (200, 16, 46, 255)       # 中国红
GOLD = (255, 209, 0, 255)      # 金黄
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 0.18, fill=RED)
    pen.polygon(star(size / 2, size * 0.27, size * 0.17, size * 0.068), fill=GOLD)
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"), int(size * 0.36), index=0)
    pen.text((size / 2, size * 0.70), "党建", font=font, fill=GOLD, anchor="mm")
    return image


def main() -> None:
    folder = ROOT / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(folder / "dangjian.png", optimize=True)
    big.save(folder / "dangjian.ico", sizes=ICO_SIZES)
    print(folder / "dangjian.png", folder / "dangjian.ico")


if __name__ == "__main__":
    main()
