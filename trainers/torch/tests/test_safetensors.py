import json
import os
import struct
import tempfile
import unittest

import torch

from cpt_torch import safetensors


class SafetensorsTest(unittest.TestCase):
    def test_round_trips_every_float_and_integer_type_and_empty_tensors(self):
        tensors = {
            "a.f32": torch.tensor([[1.5, -2.0], [3.25, 1e-30]]),
            "b.f16": torch.tensor([0.5, -65504.0], dtype=torch.float16),
            "c.bf16": torch.tensor([1.0, -3.0e38], dtype=torch.bfloat16),
            "d.i64": torch.tensor([2 ** 40, -1], dtype=torch.int64),
            "e.empty": torch.zeros(0, 3),
        }
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "x.safetensors")
            safetensors.write(path, tensors, {"optimizer": "adamw"})
            read, metadata = safetensors.read(path)
        self.assertEqual({"optimizer": "adamw", "format": "pt"}, metadata)
        self.assertEqual(sorted(tensors), sorted(read))
        for name, tensor in tensors.items():
            self.assertEqual(tensor.dtype, read[name].dtype, name)
            self.assertEqual(tuple(tensor.shape), tuple(read[name].shape), name)
            self.assertTrue(torch.equal(tensor, read[name]), name)

    def test_writes_the_layout_hugging_face_writes_header_padded_data_widest_first(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "x.safetensors")
            safetensors.write(path, {"z": torch.tensor([1.0]), "a": torch.tensor([1.0], dtype=torch.float16)})
            with open(path, "rb") as file:
                raw = file.read()
        (length,) = struct.unpack("<Q", raw[:8])
        self.assertEqual(0, length % 8)
        header = json.loads(raw[8:8 + length])
        self.assertEqual([0, 4], header["z"]["data_offsets"], "F32 before F16")
        self.assertEqual([4, 6], header["a"]["data_offsets"])
        self.assertEqual(struct.pack("<f", 1.0), raw[8 + length:8 + length + 4])

    def test_reads_a_sharded_checkpoint_through_its_index(self):
        with tempfile.TemporaryDirectory() as directory:
            safetensors.write(os.path.join(directory, "model-00001-of-00002.safetensors"), {"a": torch.ones(2)})
            safetensors.write(os.path.join(directory, "model-00002-of-00002.safetensors"), {"b": torch.zeros(3)})
            with open(os.path.join(directory, "model.safetensors.index.json"), "w", encoding="utf-8") as file:
                json.dump({"metadata": {}, "weight_map": {"a": "model-00001-of-00002.safetensors",
                                                         "b": "model-00002-of-00002.safetensors"}}, file)
            tensors = safetensors.read_checkpoint(directory)
        self.assertEqual([1.0, 1.0], tensors["a"].tolist())
        self.assertEqual([0.0, 0.0, 0.0], tensors["b"].tolist())

    def test_refuses_offsets_outside_the_file(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "bad.safetensors")
            header = json.dumps({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}).encode()
            with open(path, "wb") as file:
                file.write(struct.pack("<Q", len(header)) + header + b"\0" * 8)
            with self.assertRaisesRegex(ValueError, "tensor a: data_offsets"):
                safetensors.read(path)


if __name__ == "__main__":
    unittest.main()
