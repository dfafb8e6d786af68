from __future__ import annotations

from yearbook.entry import main

raise SystemExit(main())
