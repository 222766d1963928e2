"""GPT-NeoX as Hugging Face's GPTNeoXForCausalLM computes it for Pythia, in one file.

Parameters carry transformers' names (``gpt_neox.layers.0.attention.query_key_value.weight``, ``embed_out.weight``),
so a ``model.safetensors`` loads one to one. The math follows the Java model (activities/.../lm/GptNeoX.java):
fused per-head QKV, partial rotary embeddings, LayerNorm, exact GELU, parallel (or sequential) residual, untied
``embed_out``. The module holds no buffers: the causal mask and the rotary tables are made in ``forward``, so
nothing but float parameters is broadcast by DDP (gloo cannot broadcast bool tensors) or cast by FSDP's mixed
precision (bf16 rotary tables would lose positions).
"""
import json
import math
import os
from dataclasses import dataclass

import torch
import torch.nn.functional as F
import torch.utils.checkpoint
from torch import nn

from . import safetensors

CONFIG = "config.json"
WEIGHTS = "model.safetensors"
# Old HF checkpoints carry buffers that are recomputed, not learned.
_IGNORED_SUFFIXES = (".attention.bias", ".attention.masked_bias", ".attention.rotary_emb.inv_freq")
# Added to masked attention scores in float32; finite, as the Java model's, and exp() of it is exactly 0.
_MASKED = -1e30


@dataclass(frozen=True)
class NeoXConfig:
    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    rotary_pct: float = 0.25
    rotary_emb_base: float = 10000.0
    layer_norm_eps: float = 1e-5
    use_parallel_residual: bool = True
    max_position_embeddings: int = 2048

    @property
    def head_size(self):
        return self.hidden_size // self.num_attention_heads

    @property
    def rotary_dims(self):
        # HF truncates head_size * rotary_pct to an int.
        return int(self.head_size * self.rotary_pct)

    @staticmethod
    def read(directory):
        """The fields of ``config.json`` this model uses, with transformers' defaults (v4 and v5 spellings).

        The Java side checks a model's config fully before any training starts (NeoXConfig.read); this reads what
        it accepted.
        """
        with open(os.path.join(directory, CONFIG), encoding="utf-8") as file:
            raw = json.load(file)
        rope = raw.get("rope_parameters") or {}
        rotary_pct = raw.get("rotary_pct", raw.get("partial_rotary_factor", rope.get("partial_rotary_factor", 0.25)))
        base = raw.get("rotary_emb_base", raw.get("rope_theta", rope.get("rope_theta", 10000.0)))
        return NeoXConfig(
            vocab_size=int(raw["vocab_size"]),
            hidden_size=int(raw["hidden_size"]),
            num_hidden_layers=int(raw["num_hidden_layers"]),
            num_attention_heads=int(raw["num_attention_heads"]),
            intermediate_size=int(raw["intermediate_size"]),
            rotary_pct=float(rotary_pct),
            rotary_emb_base=float(base),
            layer_norm_eps=float(raw.get("layer_norm_eps", 1e-5)),
            use_parallel_residual=bool(raw.get("use_parallel_residual", True)),
            max_position_embeddings=int(raw.get("max_position_embeddings", 2048)),
        )


class Rotary:
    """Rotary tables as the Java model builds them: float32 inverse frequencies and angles, cos and sin in double."""

    def __init__(self, config):
        self.dims = config.rotary_dims
        self.base = config.rotary_emb_base
        self._tables = {}

    def tables(self, length, device):
        key = (length, str(device))
        if key not in self._tables:
            exponent = torch.arange(0, self.dims, 2, dtype=torch.float32) / self.dims
            inv_freq = 1.0 / (self.base ** exponent.double()).float()
            angles = torch.arange(length, dtype=torch.float32)[:, None] * inv_freq[None, :]
            angles = torch.cat([angles, angles], dim=-1)
            self._tables[key] = (torch.cos(angles.double()).float().to(device), torch.sin(angles.double()).float().to(device))
        return self._tables[key]

    def apply(self, x):
        """Rotates the first ``dims`` features of x [batch, heads, seq, head_size]."""
        if self.dims == 0:
            return x
        cos, sin = self.tables(x.shape[2], x.device)
        cos, sin = cos.to(x.dtype), sin.to(x.dtype)
        rotated, rest = x[..., :self.dims], x[..., self.dims:]
        half = self.dims // 2
        turned = torch.cat([-rotated[..., half:], rotated[..., :half]], dim=-1)
        embedded = rotated * cos + turned * sin
        return embedded if rest.shape[-1] == 0 else torch.cat([embedded, rest], dim=-1)


class Attention(nn.Module):
    def __init__(self, config, rotary):
        super().__init__()
        self.heads = config.num_attention_heads
        self.head_size = config.head_size
        self.query_key_value = nn.Linear(config.hidden_size, 3 * config.hidden_size)
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self._rotary = rotary

    def forward(self, x):
        batch, seq, _ = x.shape
        # HF lays the fused projection out per head: (q | k | v) of each head side by side.
        qkv = self.query_key_value(x).view(batch, seq, self.heads, 3 * self.head_size).transpose(1, 2)
        query, key, value = qkv.split(self.head_size, dim=-1)
        query = self._rotary.apply(query)
        key = self._rotary.apply(key)
        if x.is_cuda and hasattr(F, "scaled_dot_product_attention"):
            context = F.scaled_dot_product_attention(query, key, value, is_causal=True)
        else:
            scale = 1.0 / math.sqrt(self.head_size)
            scores = torch.matmul(query, key.transpose(-1, -2)) * scale
            causal = torch.ones(seq, seq, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(causal, _MASKED if scores.dtype == torch.float32 else torch.finfo(scores.dtype).min)
            context = torch.matmul(torch.softmax(scores, dim=-1), value)
        merged = context.transpose(1, 2).reshape(batch, seq, self.heads * self.head_size)
        return self.dense(merged)


class Mlp(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense_h_to_4h = nn.Linear(config.hidden_size, config.intermediate_size)
        self.dense_4h_to_h = nn.Linear(config.intermediate_size, config.hidden_size)

    def forward(self, x):
        return self.dense_4h_to_h(F.gelu(self.dense_h_to_4h(x)))  # exact (erf) GELU, HF's "gelu"


class Layer(nn.Module):
    def __init__(self, config, rotary):
        super().__init__()
        self.parallel = config.use_parallel_residual
        self.input_layernorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.post_attention_layernorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.attention = Attention(config, rotary)
        self.mlp = Mlp(config)

    def forward(self, x):
        attention = self.attention(self.input_layernorm(x))
        if self.parallel:
            return x + attention + self.mlp(self.post_attention_layernorm(x))
        x = x + attention
        return x + self.mlp(self.post_attention_layernorm(x))


class Decoder(nn.Module):
    """HF's GPTNeoXModel: embeddings, layers, final LayerNorm."""

    def __init__(self, config):
        super().__init__()
        rotary = Rotary(config)
        self.embed_in = nn.Embedding(config.vocab_size, config.hidden_size)
        self.layers = nn.ModuleList([Layer(config, rotary) for _ in range(config.num_hidden_layers)])
        self.final_layer_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.checkpoint_layers = False

    def forward(self, input_ids):
        x = self.embed_in(input_ids)
        for layer in self.layers:
            if self.checkpoint_layers and self.training:
                # Recompute each layer's activations in backward instead of keeping them.
                x = torch.utils.checkpoint.checkpoint(layer, x, use_reentrant=False)
            else:
                x = layer(x)
        return self.final_layer_norm(x)


class GptNeoX(nn.Module):
    """GPTNeoXForCausalLM: ``forward(input_ids [batch, seq]) -> logits [batch, seq, vocab]``."""

    def __init__(self, config):
        super().__init__()
        self.config = config
        self.gpt_neox = Decoder(config)
        self.embed_out = nn.Linear(config.hidden_size, config.vocab_size, bias=False)

    def forward(self, input_ids):
        if input_ids.shape[1] > self.config.max_position_embeddings:
            raise ValueError(f"sequence of {input_ids.shape[1]} tokens exceeds max_position_embeddings "
                             f"{self.config.max_position_embeddings}")
        return self.embed_out(self.gpt_neox(input_ids))

    def layer_type(self):
        return Layer


def load(directory, device="cpu"):
    """The model of an HF directory, float32 (F16 and BF16 checkpoints are widened, as the Java loader does)."""
    config = NeoXConfig.read(directory)
    model = GptNeoX(config)
    tensors = safetensors.read_checkpoint(directory)
    weights = {name: tensor for name, tensor in tensors.items() if not name.endswith(_IGNORED_SUFFIXES)}
    expected = dict(model.named_parameters())
    missing = sorted(set(expected) - set(weights))
    unexpected = sorted(set(weights) - set(expected))
    wrong = sorted(name for name in set(expected) & set(weights) if tuple(weights[name].shape) != tuple(expected[name].shape))
    if missing or unexpected or wrong:
        raise ValueError(f"{directory}: checkpoint does not fit config.json: missing {missing[:5]}, unexpected "
                         f"{unexpected[:5]}, wrong shape {wrong[:5]}")
    with torch.no_grad():
        for name, parameter in expected.items():
            parameter.copy_(weights[name].to(torch.float32))
    return model.to(device)


def initialise(model, seed, std=0.02):
    """Seeded random weights as HF initialises GPT-NeoX (normal matrices, zero biases, unit LayerNorm weights)."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("layernorm.weight") or name.endswith("final_layer_norm.weight"):
                parameter.fill_(1.0)
            elif parameter.dim() > 1:
                parameter.copy_(torch.randn(parameter.shape, generator=generator) * std)
            else:
                parameter.zero_()
    return model
