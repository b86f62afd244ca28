import sys

from symbn.cli import main

sys.exit(main())
