import sys

from plancompare.cli.main import main

sys.exit(main())
