import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
import gen1, gen2, gen3
D = {}
for m in (gen1, gen2, gen3): D.update(m.D)
out = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for n, d in sorted(D.items()):
    open(f"{out}/doc_{n}.txt", "w", encoding="utf-8").write(d["text"])
    json.dump(d["labels"], open(f"{out}/labels_{n}.json","w",encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(d["consistent"], open(f"{out}/consistent_{n}.json","w",encoding="utf-8"), ensure_ascii=False, indent=1)
    print(n, len(d["text"].encode()), len(d["labels"]), len(d["consistent"]))
