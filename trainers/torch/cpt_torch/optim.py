"""AdamW as the Java trainer configures it, and its moments as name-keyed tensors.

Decay applies to matrices and embeddings only (tensors of two or more dimensions); biases and LayerNorm weights are
not decayed, as GPT-NeoX and the HF Trainer do. Betas (0.9, 0.95), eps 1e-8: the Java AdamW's.
"""
import torch

BETAS = (0.9, 0.95)
EPS = 1e-8


def decayed(shape):
    return len(shape) > 1


def adamw(named_parameters, weight_decay, lr, on_gpu=False):
    """``named_parameters``: (name, parameter, original shape) triples; the shape decides the group, because a
    sharded parameter's local view may be flat."""
    decay = [parameter for _, parameter, shape in named_parameters if decayed(shape)]
    plain = [parameter for _, parameter, shape in named_parameters if not decayed(shape)]
    groups = [{"params": decay, "weight_decay": weight_decay}, {"params": plain, "weight_decay": 0.0}]
    # On the CPU the one-tensor-at-a-time loop, the same arithmetic on every PyTorch version; on GPUs PyTorch's
    # choice (multi-tensor kernels), since one kernel launch per tensor would cost more than the update.
    return torch.optim.AdamW(groups, lr=lr, betas=BETAS, eps=EPS, foreach=None if on_gpu else False)


def group_order(named_parameters):
    """Parameter names in the order torch numbers them in an optimizer state dict: the decay group, then the rest."""
    decay = [name for name, _, shape in named_parameters if decayed(shape)]
    plain = [name for name, _, shape in named_parameters if not decayed(shape)]
    return decay + plain


def moments_by_name(state, names):
    """``{<name>.exp_avg, <name>.exp_avg_sq}`` tensors from an optimizer state dict's ``state`` (keyed by index, or by
    name as FSDP's full optimizer state dict keys it)."""
    moments = {}
    for key, values in state.items():
        name = names[key] if isinstance(key, int) else key
        moments[name + ".exp_avg"] = values["exp_avg"].detach().to("cpu", torch.float32)
        moments[name + ".exp_avg_sq"] = values["exp_avg_sq"].detach().to("cpu", torch.float32)
    return moments


def state_from_moments(moments, names, step, by_name=False):
    """The ``state`` part of an optimizer state dict from saved moments (every parameter must have both)."""
    state = {}
    for index, name in enumerate(names):
        if name + ".exp_avg" not in moments or name + ".exp_avg_sq" not in moments:
            raise ValueError(f"optimizer state has no {name}.exp_avg / .exp_avg_sq")
        state[name if by_name else index] = {
            "step": torch.tensor(float(step)),
            "exp_avg": moments[name + ".exp_avg"].clone(),
            "exp_avg_sq": moments[name + ".exp_avg_sq"].clone(),
        }
    return state
