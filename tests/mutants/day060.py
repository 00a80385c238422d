"""Plausible wrong answers for day 60 (what compute costs); each must lose the points listed.

Each is the instructor's answer with one rule changed: `changed` makes them from the five answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

USEFUL = '''def cost_per_useful_tflop_hour(price_per_hour: float, peak_tflops: float, mfu: float, count: int = 1) -> float:
    """Dollars per useful TFLOP-hour: price_per_hour / (peak_tflops * mfu * count)."""
    if price_per_hour < 0:
        raise ValueError(f"a price cannot be negative, got {price_per_hour}")
    if peak_tflops <= 0:
        raise ValueError(f"the peak must be positive, got {peak_tflops}")
    if not 0.0 < mfu <= 1.0:
        raise ValueError(f"MFU is a fraction in (0, 1], got {mfu}")
    if count < 1:
        raise ValueError(f"need at least one accelerator, got count = {count}")
    return float(price_per_hour / (peak_tflops * mfu * count))
'''

FLOPS = '''def training_flops(params: float, tokens: float) -> float:
    """FLOPs of training a dense transformer: about 6 * params * tokens (forward 2N, backward 4N per token)."""
    if params < 0 or tokens < 0:
        raise ValueError(f"params and tokens cannot be negative, got {params} and {tokens}")
    return float(6 * params * tokens)
'''

RUN = '''def run_cost(flops: float, peak_tflops: float, mfu: float, price_per_hour: float, count: int) -> tuple:
    """(wall-clock hours, dollars) of `flops` on `count` accelerators; price_per_hour is for all of them."""
    if flops < 0 or price_per_hour < 0:
        raise ValueError(f"flops and price cannot be negative, got {flops} and {price_per_hour}")
    if peak_tflops <= 0:
        raise ValueError(f"the peak must be positive, got {peak_tflops}")
    if not 0.0 < mfu <= 1.0:
        raise ValueError(f"MFU is a fraction in (0, 1], got {mfu}")
    if count < 1:
        raise ValueError(f"need at least one accelerator, got count = {count}")
    useful_flop_per_second = peak_tflops * 1e12 * mfu * count
    seconds = flops / useful_flop_per_second
    hours = seconds / 3600
    dollars = hours * price_per_hour
    return float(hours), float(dollars)
'''

CHEAPEST = '''def cheapest(rows, flops: float, mfu: float, *, max_hours=None) -> tuple:
    """(offering, hours, dollars) of the cheapest priced row for `flops` FLOPs at utilisation `mfu`."""
    best = None
    for row in rows:
        if row["price_unit"] != "per instance-hour":
            continue
        if row["price_usd"] == "" or row["peak_tflops_bf16_dense"] == "":
            continue
        count = int(row["count"])
        if count < 1:
            continue
        price = float(row["price_usd"])
        peak = float(row["peak_tflops_bf16_dense"])
        hours = flops / (peak * 1e12 * mfu * count * 3600)
        dollars = hours * price
        if max_hours is not None and hours > max_hours:
            continue
        if best is None or dollars < best[2]:
            best = (row["offering"], float(hours), float(dollars))
    if best is None:
        raise ValueError("no row has an hourly price, a peak and a GPU (within max_hours)")
    return best
'''

BUDGET = '''def monthly_budget(runs_per_month: float, dollars_per_run: float, ci_minutes: float, ci_usd_per_minute: float,
                   *, free_ci_minutes: float = 0.0, margin: float = 0.0) -> float:
    """(runs * dollars_per_run + max(0, ci_minutes - free_ci_minutes) * ci_usd_per_minute) * (1 + margin)."""
    for name, value in [("runs_per_month", runs_per_month), ("dollars_per_run", dollars_per_run),
                        ("ci_minutes", ci_minutes), ("ci_usd_per_minute", ci_usd_per_minute),
                        ("free_ci_minutes", free_ci_minutes), ("margin", margin)]:
        if value < 0:
            raise ValueError(f"{name} cannot be negative, got {value}")
    runs = runs_per_month * dollars_per_run
    billed_minutes = max(0.0, ci_minutes - free_ci_minutes)
    ci = billed_minutes * ci_usd_per_minute
    return float((runs + ci) * (1 + margin))
'''

MUTANTS = [
    {
        "name": "the price per hour taken as a price per TFLOP (multiplied by the useful TFLOPS)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(USEFUL, ("    return float(price_per_hour / (peak_tflops * mfu * count))\n",
                                   "    return float(price_per_hour * (peak_tflops * mfu * count))\n")),
    },
    {
        "name": "MFU ignored: the peak taken as useful",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(USEFUL, ("    return float(price_per_hour / (peak_tflops * mfu * count))\n",
                                   "    return float(price_per_hour / (peak_tflops * count))\n")),
    },
    {
        "name": "the count ignored: the instance price charged to one GPU",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(USEFUL, ("    return float(price_per_hour / (peak_tflops * mfu * count))\n",
                                   "    return float(price_per_hour / (peak_tflops * mfu))\n")),
    },
    {
        "name": "2ND (the forward pass only) instead of 6ND",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(FLOPS, ("    return float(6 * params * tokens)\n", "    return float(2 * params * tokens)\n")),
    },
    {
        "name": "TFLOPS used as FLOP/s (the 1e12 forgotten)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(RUN, ("    useful_flop_per_second = peak_tflops * 1e12 * mfu * count\n",
                                "    useful_flop_per_second = peak_tflops * mfu * count\n")),
    },
    {
        "name": "seconds returned as hours (no division by 3600)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(RUN, ("    hours = seconds / 3600\n", "    hours = seconds\n")),
    },
    {
        "name": "the instance price multiplied by the GPU count again",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(RUN, ("    dollars = hours * price_per_hour\n", "    dollars = hours * price_per_hour * count\n")),
    },
    {
        "name": "MFU ignored in the run time",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(RUN, ("    useful_flop_per_second = peak_tflops * 1e12 * mfu * count\n",
                                "    useful_flop_per_second = peak_tflops * 1e12 * count\n")),
    },
    {
        "name": "a row without a price counted as free",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(CHEAPEST, ("        if row[\"price_usd\"] == \"\" or row[\"peak_tflops_bf16_dense\"] == \"\":\n",
                                     "        if row[\"peak_tflops_bf16_dense\"] == \"\":\n"),
                          ("        price = float(row[\"price_usd\"])\n", "        price = float(row[\"price_usd\"] or 0)\n")),
    },
    {
        "name": "the deadline max_hours ignored",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(CHEAPEST, ("        if max_hours is not None and hours > max_hours:\n            continue\n", "")),
    },
    {
        "name": "unused free CI minutes subtracted as money back (no floor at zero)",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": changed(BUDGET, ("    billed_minutes = max(0.0, ci_minutes - free_ci_minutes)\n",
                                   "    billed_minutes = ci_minutes - free_ci_minutes\n")),
    },
    {
        "name": "the margin applied to the runs only",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": changed(BUDGET, ("    return float((runs + ci) * (1 + margin))\n", "    return float(runs * (1 + margin) + ci)\n")),
    },
]
