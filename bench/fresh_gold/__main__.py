import sys

from bench.fresh_gold import main

sys.exit(main())
