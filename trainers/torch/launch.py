"""torchrun, as ``python launch.py ARGS``: the same launcher, with the fix PyTorch 1.13 needs on Python 3.11.

Workers' ``{torchrun}`` is this file; any torchrun flags work (``--nproc_per_node``, ``--nnodes``, ``--rdzv-*``).
"""
import sys

from cpt_torch.compat import fix_torchrun

if __name__ == "__main__":
    fix_torchrun()
    from torch.distributed.run import main

    sys.exit(main())
