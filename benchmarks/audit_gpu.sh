#!/usr/bin/env bash
# symbp audit on a CUDA machine: eager PyTorch (whole default lattice) and torch.compile
# (its default compile sweep, grouped), every op, float64 on the GPU.  Writes one JSON per run and a
# summary under $OUT (default ./audit_gpu_out).  Run from the repository root:
#     OUT=/some/dir bash benchmarks/audit_gpu.sh
# Budget: each run is capped at $LIMIT seconds (default 150); exit status 0 when every
# run conforms, 1 when one does not, 2 when CUDA is missing.
set -u
OUT=${OUT:-audit_gpu_out}
LIMIT=${LIMIT:-150}
MAX_SIZE=${MAX_SIZE:-5}
PY=${PYTHON:-python}
mkdir -p "$OUT"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
if ! $PY -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)"; then
    echo "audit_gpu.sh: CUDA is not available here" >&2
    exit 2
fi
$PY -c "import torch; print('torch', torch.__version__, 'on', torch.cuda.get_device_name(0))" \
    | tee "$OUT/device.txt"
status=0
: > "$OUT/summary.txt"
for target in torch torch.compile; do
    for op in conv2d conv_transpose2d max_pool2d avg_pool2d linear; do
        start=$(date +%s)
        timeout "$LIMIT" $PY -m symbp.cli audit "$target" --ops "$op" --device cuda \
            --max-size "$MAX_SIZE" --json > "$OUT/$target-$op.json" 2> "$OUT/$target-$op.err"
        rc=$?
        [ "$rc" -ne 0 ] && status=1
        line="$target $op rc=$rc $(( $(date +%s) - start ))s"
        if [ "$rc" -le 1 ]; then
            line="$line $($PY -c "import json,sys; a=json.load(open(sys.argv[1]))[0]; \
print(a['configs'], 'configs,', a['mismatches'], 'failing')" "$OUT/$target-$op.json")"
        fi
        echo "$line" | tee -a "$OUT/summary.txt"
    done
done
exit $status
