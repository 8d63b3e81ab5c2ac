#!/usr/bin/env bash
# Every quality gate of the project, in the order CI runs them:
#   lint and format, types, build and wheel contents, the test suite against the
#   installed wheel from outside the repository with branch coverage, the examples
#   and console script against it, the native (mypyc) build against the same suite and
#   the pure build's output, the docs, and the suite on other Pythons.
# Run from anywhere with an active Python 3.11+ environment: `make check`.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
py=${PYTHON:-python}
coverage_floor=${COVERAGE_FLOOR:-90}

step() { printf '\n=== %s\n' "$*"; }
lint_paths=()
for dir in src tests scripts examples benchmarks docs; do
  if [ -d "$dir" ]; then lint_paths+=("$dir"); fi
done

step "tools"
"$py" -m pip install --quiet ".[lint,docs]" build twine

step "ruff check and ruff format --check"
"$py" -m ruff check "${lint_paths[@]}"
"$py" -m ruff format --check "${lint_paths[@]}"

step "mypy --strict (the package and a typed usage file)"
"$py" -m mypy --strict src/bilateral tests/typing/usage.py

step "build sdist and wheel, twine check --strict, wheel contents"
"$py" -m build --quiet --outdir "$work/dist" . >/dev/null
"$py" -m twine check --strict "$work"/dist/*
wheel=$(ls "$work"/dist/bilateral-*.whl)
"$py" scripts/check_wheel.py "$wheel"
printf 'wheel size: %s bytes\n' "$(stat -c %s "$wheel")"

step "the installed wheel, tested from outside the repository"
"$py" -m venv "$work/venv"
wpy="$work/venv/bin/python"
"$wpy" -m pip install --quiet --upgrade pip
"$wpy" -m pip install --quiet "bilateral[test] @ file://$wheel"
cp -r tests "$work/tests"
cp -r examples "$work/examples" 2>/dev/null || true
cp -r docs "$work/docs" 2>/dev/null || true
cp pyproject.toml "$work/pyproject.toml"
(
  cd "$work"
  "$wpy" -c 'import bilateral, sys; p = bilateral.__file__; print("testing", p); sys.exit("site-packages" not in p)'
  "$wpy" -m pytest -q -p no:cacheprovider --cov=bilateral --cov-branch \
    --cov-report=term:skip-covered --cov-fail-under="$coverage_floor" tests
)

step "examples and the console script against the installed wheel"
(
  cd "$work"
  for example in examples/*.py; do
    [ -e "$example" ] || continue
    echo "--- $example"
    "$wpy" "$example" >/dev/null
  done
  "$work/venv/bin/bilateral" --help >/dev/null
  "$work/venv/bin/bilateral" >/dev/null
)

step "the native build (mypyc): the same suite, the same extraction output"
# Built from a copy, since the build leaves its extension modules beside the sources.
mkdir "$work/native-src"
cp -r src seeds pyproject.toml README.md LICENSE "$work/native-src/"
# Built by a bare environment's pip, as a user would build it: the type check behind the
# compilation must pass without the optional extras (orjson) installed.
"$py" -m venv "$work/native-venv"
npy="$work/native-venv/bin/python"
"$npy" -m pip install --quiet --upgrade pip
HATCH_BUILD_HOOKS_ENABLE=1 "$npy" -m pip wheel --quiet --no-deps -w "$work/native" \
  "$work/native-src" >/dev/null
native_wheel=$(ls "$work"/native/bilateral-*.whl)
echo "native wheel: $(basename "$native_wheel")"
"$npy" -m pip install --quiet "bilateral[test] @ file://$native_wheel"
(
  cd "$work"
  "$npy" -c 'import sys; from bilateral.extract import _pipeline as p; sys.exit(not p.__file__.endswith(".so"))'
  "$npy" -m pytest -q -p no:cacheprovider tests
)
# The first line is the digest; the whole output is read, since `| head -n 1` could
# close the pipe before the script's second line and fail it under pipefail.
pure_digest=$("$wpy" scripts/extraction_digest.py --mb 1)
pure_digest=${pure_digest%%$'\n'*}
native_digest=$("$npy" scripts/extraction_digest.py --mb 1)
native_digest=${native_digest%%$'\n'*}
echo "pure Python: $pure_digest"
echo "native:      $native_digest"
[ "$pure_digest" = "$native_digest" ]

step "docs: sphinx-build -n -W"
if [ -f docs/conf.py ]; then
  "$py" -m sphinx -n -W --keep-going -q -b html docs "$work/html"
  "$py" -m sphinx -n -W --keep-going -q -b doctest docs "$work/doctest"
fi

step "other Python versions"
# An interpreter on PATH, or one that pyenv keeps but has not put on PATH.
find_python() {
  local name=$1 found
  found=$(command -v "$name" 2>/dev/null || true)
  if [ -n "$found" ] && "$found" -c 'import sys' >/dev/null 2>&1; then
    echo "$found"
    return
  fi
  for found in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/"$name"; do
    if [ -x "$found" ] && "$found" -c 'import sys' >/dev/null 2>&1; then
      echo "$found"
      return
    fi
  done
}
for other in python3.12 python3.13; do
  interpreter=$(find_python "$other")
  if [ -z "$interpreter" ]; then
    echo "$other: not on this machine, skipped"
    continue
  fi
  echo "--- $other ($interpreter)"
  "$interpreter" -m venv "$work/$other"
  "$work/$other/bin/python" -m pip install --quiet --upgrade pip
  "$work/$other/bin/python" -m pip install --quiet "bilateral[test] @ file://$wheel"
  (cd "$work" && "$work/$other/bin/python" -m pytest -q -p no:cacheprovider tests)
done

step "all gates passed"
