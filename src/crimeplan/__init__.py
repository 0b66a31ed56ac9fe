"""crimeplan: run a Police and Crime Plan from plan files, real data and consultations."""

import os

# Arrow allocates from the C library's allocator unless ARROW_DEFAULT_MEMORY_POOL says
# otherwise. Set before Arrow's first allocation (it reads this once): with Arrow's default
# (mimalloc), building and rating the national measure frame (2.6 million rows, a dozen label
# columns) took 3.3 s on the 2-core machine, about 1.3 s with the system allocator
# (docs/methods/national.md, "The measure set, fourth pass").
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

__version__ = "0.1.0"
