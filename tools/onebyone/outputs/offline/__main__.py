"""``python -m onebyone.outputs.offline SITE ZIP``: zip the built site for offline use."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from onebyone.outputs.offline import human_size, make_bundle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path, help="the built site (build/html)")
    parser.add_argument("zip", type=Path, help="the bundle to write")
    args = parser.parse_args()
    out = make_bundle(args.site, args.zip, datetime.date.today().strftime("%-d %B %Y"))
    print(f"Offline bundle: {out} ({human_size(out.stat().st_size)})")


if __name__ == "__main__":
    main()
