import unittest

from cpt_torch import compat


class CompatTest(unittest.TestCase):
    def test_torchrun_reads_its_redirect_flags(self):
        compat.fix_torchrun()
        from torch.distributed.elastic.multiprocessing.api import Std

        self.assertEqual(Std.NONE, Std.from_str("0"))
        self.assertEqual(Std.ALL, Std.from_str("3"))
        self.assertEqual({0: Std.OUT, 1: Std.NONE}, Std.from_str("0:1,1:0"))

    def test_fsdp_imports(self):
        fsdp = compat.import_fsdp()
        self.assertTrue(hasattr(fsdp, "FullyShardedDataParallel"))
        self.assertTrue(hasattr(fsdp, "MixedPrecision"))


if __name__ == "__main__":
    unittest.main()
