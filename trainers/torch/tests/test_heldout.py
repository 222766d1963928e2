import tempfile
import unittest

import torch

from cpt_torch import heldout, model as neox
from cpt_torch.parallel import Parallel
from tests import fixtures


class HeldoutTest(unittest.TestCase):
    def test_batches_longest_first_within_the_token_budget_as_length_batches_does(self):
        self.assertEqual([[1, 3], [0, 2]], heldout.batches([3, 5, 2, 5], token_budget=10, max_batch=8))
        self.assertEqual([[1], [3], [0], [2]], heldout.batches([3, 5, 2, 5], token_budget=10, max_batch=1))

    def test_corpus_loss_is_the_token_weighted_nll_of_each_document_read_after_an_eos(self):
        with tempfile.TemporaryDirectory() as directory:
            model = neox.load(fixtures.tiny_model(directory, seed=8)).eval()
        documents = [[5, 6, 7, 8, 9, 10], [11], [], [12, 13, 14]]
        total, tokens = 0.0, 0
        with torch.no_grad():
            for document in documents:
                kept = document[:4]
                if not kept:
                    continue
                sequence = torch.tensor([[0] + kept])
                log_probs = torch.log_softmax(model(sequence[:, :-1]), -1)
                total -= log_probs[0].gather(-1, sequence[0, 1:, None]).double().sum().item()
                tokens += len(kept)
        measured = heldout.corpus_nll(model, documents, max_tokens=4, eos_id=0, max_positions=128, parallel=Parallel())
        self.assertAlmostEqual(total / tokens, measured, places=6)


if __name__ == "__main__":
    unittest.main()
