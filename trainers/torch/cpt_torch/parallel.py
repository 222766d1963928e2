"""Where and how the model runs: one process, DDP, or FSDP (full shard), and the collectives the trainer needs.

The process group comes from torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR/PORT); without it
this is one process. GPUs use NCCL, CPUs gloo.
"""
import contextlib
import functools
import inspect
import os

import torch
import torch.distributed as dist

from . import compat, optim

SINGLE = "single"
DDP = "ddp"
FSDP = "fsdp"
# Above this many parameters 'auto' shards (FSDP) on GPUs: Pythia-1B's weights, grads and moments in float32 are
# 16 GB, more than a replica per device should hold.
_FSDP_ABOVE = 900_000_000


def _strip(name):
    """A parameter's own name, without the prefixes FSDP's wrappers put into it."""
    return name.replace("_fsdp_wrapped_module.", "")


class Parallel:
    """The process group, the device and the wrapped model; ``rank == 0`` writes files."""

    def __init__(self, requested_mode="auto", requested_precision="auto"):
        self.world_size = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        self.cuda = torch.cuda.is_available()
        if self.cuda:
            torch.cuda.set_device(self.local_rank)
            self.device = torch.device("cuda", self.local_rank)
        else:
            self.device = torch.device("cpu")
        if self.world_size > 1:
            dist.init_process_group("nccl" if self.cuda else "gloo")
        self.requested_mode = requested_mode
        self.precision = requested_precision
        if self.precision == "auto":
            self.precision = "bf16" if self.cuda and torch.cuda.is_bf16_supported() else "fp32"
        if self.precision == "bf16" and not self.cuda:
            raise ValueError("--precision bf16 needs a GPU; on the CPU the torch engine trains in float32")
        self.mode = None
        self.model = None
        self.module = None
        self.shapes = None

    def device_name(self):
        if self.cuda:
            return torch.cuda.get_device_name(self.device)
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
                for line in cpuinfo:
                    if line.startswith("model name"):
                        return "cpu (" + line.split(":", 1)[1].strip() + ")"
        except OSError:
            pass
        return "cpu"

    def wrap(self, module, activation_checkpointing=False):
        """Moves ``module`` to the device and wraps it for this world; returns the model to call."""
        self.shapes = {name: tuple(parameter.shape) for name, parameter in module.named_parameters()}
        self.module = module
        module.gpt_neox.checkpoint_layers = activation_checkpointing
        mode = self.requested_mode
        if mode == "auto":
            parameters = sum(parameter.numel() for parameter in module.parameters())
            mode = FSDP if self.cuda and self.world_size > 1 and parameters > _FSDP_ABOVE else (DDP if self.world_size > 1 else SINGLE)
        if mode == FSDP:
            self.model = self._fsdp(module)
        elif mode == DDP or self.world_size > 1:
            mode = DDP
            from torch.nn.parallel import DistributedDataParallel

            module.to(self.device)
            self.model = DistributedDataParallel(module, device_ids=[self.local_rank] if self.cuda else None,
                                                 broadcast_buffers=False)
        else:
            self.model = module.to(self.device)
        self.mode = mode
        return self.model

    def _fsdp(self, module):
        if not self.cuda:
            raise ValueError("FSDP needs GPUs (NCCL); on the CPU use --parallel ddp")
        fsdp = compat.import_fsdp()
        if "use_orig_params" not in inspect.signature(fsdp.FullyShardedDataParallel.__init__).parameters:
            raise ValueError(f"FSDP needs PyTorch >= 2.0 here (use_orig_params, for AdamW's decay groups); this is "
                             f"{torch.__version__}: use --parallel ddp, or install PyTorch 2")
        from torch.distributed.fsdp.wrap import transformer_auto_wrap_policy

        mixed = None
        if self.precision == "bf16":
            # Master weights, gradients' reduction and the optimizer stay float32; compute runs in bf16.
            mixed = fsdp.MixedPrecision(param_dtype=torch.bfloat16, reduce_dtype=torch.float32,
                                        buffer_dtype=torch.bfloat16)
        policy = functools.partial(transformer_auto_wrap_policy, transformer_layer_cls={module.layer_type()})
        return fsdp.FullyShardedDataParallel(module, auto_wrap_policy=policy, mixed_precision=mixed,
                                             sharding_strategy=fsdp.ShardingStrategy.FULL_SHARD,
                                             device_id=self.device, use_orig_params=True, limit_all_gathers=True)

    def named_parameters(self):
        """(name, parameter, original shape) for the optimizer: FSDP's flat views keep their layers' names."""
        source = self.model if self.mode == FSDP else self.module
        return [(_strip(name), parameter, self.shapes[_strip(name)]) for name, parameter in source.named_parameters()]

    def autocast(self):
        """bf16 compute for DDP and one process on a GPU; FSDP casts by itself, the CPU stays float32."""
        if self.precision == "bf16" and self.mode != FSDP:
            return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def no_sync(self, last):
        """DDP reduces gradients once per step, on its last micro-batch."""
        if self.mode == DDP and not last:
            return self.model.no_sync()
        return contextlib.nullcontext()

    def clip(self, max_norm):
        if self.mode == FSDP:
            return float(self.model.clip_grad_norm_(max_norm))
        return float(torch.nn.utils.clip_grad_norm_(self.model.parameters(), max_norm))

    def sum(self, values):
        """Element-wise sum over ranks of a list of floats, in float64."""
        if self.world_size == 1:
            return list(values)
        tensor = torch.tensor(values, dtype=torch.float64, device=self.device)
        dist.all_reduce(tensor)
        return tensor.tolist()

    def barrier(self):
        if self.world_size > 1:
            dist.barrier()

    def gather_objects(self, value):
        """Every rank's ``value``, on every rank."""
        if self.world_size == 1:
            return [value]
        values = [None] * self.world_size
        dist.all_gather_object(values, value)
        return values

    def full_state(self, optimizer=None):
        """Float32 CPU weights by name and, given the optimizer, AdamW's moments by name: complete on rank 0 (None
        elsewhere under FSDP). Every rank must call it: under FSDP it gathers the shards."""
        if self.mode == FSDP:
            fsdp = compat.import_fsdp()
            full = fsdp.FullStateDictConfig(offload_to_cpu=True, rank0_only=True)
            optim_full = fsdp.FullOptimStateDictConfig(offload_to_cpu=True, rank0_only=True)
            with fsdp.FullyShardedDataParallel.state_dict_type(self.model, fsdp.StateDictType.FULL_STATE_DICT, full,
                                                               optim_full):
                weights = self.model.state_dict()
                state = fsdp.FullyShardedDataParallel.optim_state_dict(self.model, optimizer) if optimizer else None
            if self.rank != 0:
                return None, None
            weights = {_strip(name): tensor.to(torch.float32) for name, tensor in weights.items()}
            moments = optim.moments_by_name({_strip(name): values for name, values in state["state"].items()}, None) \
                if state else None
            return weights, moments
        weights = {name: parameter.detach().to("cpu", torch.float32) for name, parameter in self.module.named_parameters()}
        if optimizer is None:
            return weights, None
        names = optim.group_order(self.named_parameters())
        return weights, optim.moments_by_name(optimizer.state_dict()["state"], names)

    def load_moments(self, optimizer, moments, step):
        """Restores AdamW's moments and step count from name-keyed tensors, on every rank."""
        named = self.named_parameters()
        names = optim.group_order(named)
        groups = optimizer.state_dict()["param_groups"]
        if self.mode == FSDP:
            fsdp = compat.import_fsdp()
            decay = [name for name, _, shape in named if optim.decayed(shape)]
            plain = [name for name, _, shape in named if not optim.decayed(shape)]
            full = {"state": optim.state_from_moments(moments, names, step, by_name=True),
                    "param_groups": [dict(group, params=members) for group, members in zip(groups, [decay, plain])]}
            load = fsdp.FullyShardedDataParallel.optim_state_dict_to_load
            # 2.0 took (state, model, optimizer); 2.1 and later take (model, optimizer, state).
            first = next(iter(inspect.signature(load).parameters))
            flat = load(self.model, optimizer, full) if first == "model" else load(full, self.model, optimizer)
            optimizer.load_state_dict(flat)
            return
        optimizer.load_state_dict({"state": optim.state_from_moments(moments, names, step), "param_groups": groups})

    def close(self):
        if self.world_size > 1 and dist.is_initialized():
            dist.destroy_process_group()
