from dangjian_desktop.cli import main

raise SystemExit(main())
