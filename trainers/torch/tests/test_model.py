import os
import tempfile
import unittest

import torch

from cpt_torch import model as neox, safetensors
from tests import fixtures

HF_LAYER_NAMES = ["input_layernorm.weight", "input_layernorm.bias", "post_attention_layernorm.weight",
                  "post_attention_layernorm.bias", "attention.query_key_value.weight", "attention.query_key_value.bias",
                  "attention.dense.weight", "attention.dense.bias", "mlp.dense_h_to_4h.weight", "mlp.dense_h_to_4h.bias",
                  "mlp.dense_4h_to_h.weight", "mlp.dense_4h_to_h.bias"]


class ModelTest(unittest.TestCase):
    def test_parameters_carry_hugging_face_names_and_no_buffers(self):
        with tempfile.TemporaryDirectory() as directory:
            model = neox.load(fixtures.tiny_model(directory))
        expected = {"gpt_neox.embed_in.weight", "gpt_neox.final_layer_norm.weight", "gpt_neox.final_layer_norm.bias",
                    "embed_out.weight"}
        expected |= {f"gpt_neox.layers.{layer}.{name}" for layer in range(2) for name in HF_LAYER_NAMES}
        self.assertEqual(expected, {name for name, _ in model.named_parameters()})
        self.assertEqual([], list(model.buffers()), "gloo cannot broadcast bool buffers; FSDP would cast float ones")

    def test_a_position_never_sees_a_later_token(self):
        with tempfile.TemporaryDirectory() as directory:
            model = neox.load(fixtures.tiny_model(directory, seed=4)).eval()
        with torch.no_grad():
            first = model(torch.tensor([[1, 2, 3, 4, 5]]))
            changed = model(torch.tensor([[1, 2, 3, 9, 9]]))
        self.assertTrue(torch.equal(first[0, :3], changed[0, :3]))
        self.assertFalse(torch.allclose(first[0, 3], changed[0, 3]))

    def test_half_precision_checkpoints_load_widened_and_old_buffers_are_ignored(self):
        with tempfile.TemporaryDirectory() as directory:
            fixtures.tiny_model(directory, seed=5)
            weights = safetensors.read(os.path.join(directory, "model.safetensors"))[0]
            halves = {name: tensor.to(torch.float16) for name, tensor in weights.items()}
            halves["gpt_neox.layers.0.attention.rotary_emb.inv_freq"] = torch.ones(4)
            safetensors.write(os.path.join(directory, "model.safetensors"), halves)
            model = neox.load(directory)
        loaded = dict(model.named_parameters())["embed_out.weight"]
        self.assertEqual(torch.float32, loaded.dtype)
        self.assertTrue(torch.equal(halves["embed_out.weight"].float(), loaded.detach()))

    def test_a_checkpoint_of_another_shape_is_refused_naming_the_tensor(self):
        with tempfile.TemporaryDirectory() as directory:
            fixtures.tiny_model(directory)
            weights = safetensors.read(os.path.join(directory, "model.safetensors"))[0]
            weights["embed_out.weight"] = torch.zeros(3, 3)
            safetensors.write(os.path.join(directory, "model.safetensors"), weights)
            with self.assertRaisesRegex(ValueError, r"wrong shape \['embed_out.weight'\]"):
                neox.load(directory)

    def test_sequential_residual_differs_from_parallel(self):
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            parallel = neox.load(fixtures.tiny_model(first, seed=6)).eval()
            sequential = neox.load(fixtures.tiny_model(second, seed=6, use_parallel_residual=False)).eval()
        ids = torch.tensor([[3, 1, 4, 1, 5]])
        with torch.no_grad():
            self.assertFalse(torch.allclose(parallel(ids), sequential(ids)))


if __name__ == "__main__":
    unittest.main()
