import tempfile
import unittest

import torch

from cpt_torch import model as neox, optim
from tests import fixtures


class OptimTest(unittest.TestCase):
    def test_matrices_and_embeddings_decay_biases_and_layer_norms_do_not(self):
        with tempfile.TemporaryDirectory() as directory:
            model = neox.load(fixtures.tiny_model(directory))
        named = [(name, parameter, tuple(parameter.shape)) for name, parameter in model.named_parameters()]
        optimizer = optim.adamw(named, 0.1, 1e-3)
        decay, plain = optimizer.param_groups
        decayed = {name for name, parameter, _ in named if any(parameter is p for p in decay["params"])}
        self.assertEqual(0.1, decay["weight_decay"])
        self.assertEqual(0.0, plain["weight_decay"])
        self.assertIn("gpt_neox.embed_in.weight", decayed)
        self.assertIn("embed_out.weight", decayed)
        self.assertIn("gpt_neox.layers.1.attention.query_key_value.weight", decayed)
        self.assertNotIn("gpt_neox.layers.1.attention.query_key_value.bias", decayed)
        self.assertNotIn("gpt_neox.layers.0.input_layernorm.weight", decayed)
        self.assertEqual(optim.group_order(named)[:len(decayed)], [n for n, _, s in named if len(s) > 1])

    def test_two_steps_follow_the_java_adamw_formula(self):
        weight = torch.nn.Parameter(torch.tensor([[1.0, -2.0], [0.5, 3.0]]))
        bias = torch.nn.Parameter(torch.tensor([0.25, -0.75]))
        optimizer = optim.adamw([("w", weight, (2, 2)), ("b", bias, (2,))], 0.1, 1e-2)
        reference = {"w": weight.detach().clone(), "b": bias.detach().clone()}
        first = {name: torch.zeros_like(value) for name, value in reference.items()}
        second = {name: torch.zeros_like(value) for name, value in reference.items()}
        gradients = [{"w": torch.tensor([[0.1, -0.2], [0.3, 0.0]]), "b": torch.tensor([1.0, -1.0])},
                     {"w": torch.tensor([[-0.5, 0.2], [0.1, 0.4]]), "b": torch.tensor([0.5, 0.5])}]
        for step, grads in enumerate(gradients, start=1):
            weight.grad, bias.grad = grads["w"].clone(), grads["b"].clone()
            optimizer.step()
            for name in reference:  # AdamW.java, line for line
                g = grads[name]
                first[name] = first[name] * 0.9 + g * 0.1
                second[name] = second[name] * 0.95 + g * g * 0.05
                if name == "w":
                    reference[name] = reference[name] * (1 - 1e-2 * 0.1)
                denominator = second[name].sqrt() / (1 - 0.95 ** step) ** 0.5 + 1e-8
                reference[name] = reference[name] - first[name] / denominator * (1e-2 / (1 - 0.9 ** step))
        self.assertTrue(torch.allclose(reference["w"], weight.detach(), atol=1e-7, rtol=0))
        self.assertTrue(torch.allclose(reference["b"], bias.detach(), atol=1e-7, rtol=0))

    def test_moments_round_trip_by_name(self):
        weight = torch.nn.Parameter(torch.ones(2, 2))
        named = [("w", weight, (2, 2))]
        optimizer = optim.adamw(named, 0.0, 1e-2)
        weight.grad = torch.full((2, 2), 0.5)
        optimizer.step()
        moments = optim.moments_by_name(optimizer.state_dict()["state"], optim.group_order(named))
        self.assertEqual({"w.exp_avg", "w.exp_avg_sq"}, set(moments))
        restored = optim.adamw(named, 0.0, 1e-2)
        restored.load_state_dict({"state": optim.state_from_moments(moments, ["w"], 1),
                                  "param_groups": restored.state_dict()["param_groups"]})
        self.assertTrue(torch.equal(moments["w.exp_avg"], restored.state[weight]["exp_avg"]))
        self.assertEqual(1.0, float(restored.state[weight]["step"]))
        with self.assertRaisesRegex(ValueError, "optimizer state has no b.exp_avg"):
            optim.state_from_moments(moments, ["w", "b"], 1)


if __name__ == "__main__":
    unittest.main()
