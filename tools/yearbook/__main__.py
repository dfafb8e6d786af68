from __future__ import annotations

from yearbook.cli import main

raise SystemExit(main())
