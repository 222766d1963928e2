import json
import os
import struct
import tempfile
import unittest

from cpt_torch.blocks import BlockFile, BlockOrder, permutation
from tests import fixtures

HERE = os.path.dirname(os.path.abspath(__file__))


class BlockFileTest(unittest.TestCase):
    def test_reads_the_little_endian_blocks_the_pack_stage_writes(self):
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "blocks.int32"), "wb") as file:
                file.write(struct.pack("<8i", 5, 6, 7, 70000, -1, 2, 3, 4))
            with open(os.path.join(directory, "blocks.json"), "w", encoding="utf-8") as file:
                json.dump({"seqLen": 4, "blocks": 2, "tokens": 8, "documents": 1, "droppedTokens": 0, "eosId": 0,
                           "tokenizerSha256": "x"}, file)
            blocks = BlockFile(directory)
            self.assertEqual(2, blocks.blocks)
            self.assertEqual([5, 6, 7, 70000], blocks.block(0).tolist())
            self.assertEqual([[-1, 2, 3, 4], [5, 6, 7, 70000]], blocks.batch([1, 0]).tolist())
            with self.assertRaises(IndexError):
                blocks.block(2)
            blocks.close()

    def test_refuses_a_token_file_of_another_size_than_its_metadata_says(self):
        with tempfile.TemporaryDirectory() as directory:
            fixtures.blocks(directory, 3, 5)
            with open(os.path.join(directory, "blocks.int32"), "ab") as file:
                file.write(b"\0\0\0\0")
            with self.assertRaisesRegex(ValueError, "64 bytes, blocks.json says 3 blocks x 5 tokens = 60"):
                BlockFile(directory)


class BlockOrderTest(unittest.TestCase):
    def test_draws_the_orders_both_engines_agree_on(self):
        # DataOrderTest (Java) checks DataOrder against the same file.
        with open(os.path.join(HERE, "block_order.json"), encoding="utf-8") as file:
            cases = json.load(file)["cases"]
        self.assertEqual(8, len(cases))
        for case in cases:
            self.assertEqual(case["order"], permutation(case["blocks"], case["seed"], case["epoch"]), case["blocks"])

    def test_each_epoch_is_its_own_permutation_and_the_cursor_a_pure_function_of_the_sample(self):
        order = BlockOrder(50, 7)
        first = [order.block(sample) for sample in range(50)]
        second = [order.block(sample) for sample in range(50, 100)]
        self.assertEqual(list(range(50)), sorted(first))
        self.assertEqual(list(range(50)), sorted(second))
        self.assertNotEqual(first, second)
        self.assertEqual(second[13], BlockOrder(50, 7).block(63))

    def test_no_blocks_is_refused(self):
        with self.assertRaisesRegex(ValueError, "no training blocks"):
            BlockOrder(0, 1)


if __name__ == "__main__":
    unittest.main()
