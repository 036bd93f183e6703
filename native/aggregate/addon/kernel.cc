// Native aggregation kernel: the C++ twin of native/aggregate/reference-kernel.ts. Each step
// mirrors the reference in the same order so results are identical (counts exactly, floats
// bit for bit in practice; the tests allow 1e-9 relative). Built with -ffp-contract=off so
// the compiler never fuses a*b+c into one rounding, which the JavaScript side cannot do.
//
// Algorithms: Welford's online mean / M2 (B. P. Welford, Technometrics 4(3), 1962);
// DDSketch keys with the linearly interpolated log2 (Masson, Rim, Lee, VLDB 2019).
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <unordered_map>
#include <vector>

namespace {

constexpr int kGauge = 0;
constexpr int kCounter = 1;
constexpr int kState = 2;
constexpr int kStride = 20;  // F.* in kernel-spec.ts
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMinIndexable = 2.2250738585072014e-308;  // smallest normal double

// DDSketch bins of one sign: a dense array over the keys seen while they span at most
// kMaxDenseBins keys (the usual case: a process value within a few octaves), an ordered map
// beyond that. Counts are whole numbers, so either form gives the same bins.
constexpr int64_t kMaxDenseBins = 4096;

struct Bins {
  int32_t offset = 0;
  std::vector<double> dense;
  std::map<int32_t, double> sparse;
  bool useSparse = false;

  void Add(int32_t key) {
    if (useSparse) { sparse[key] += 1; return; }
    if (dense.empty()) { offset = key; dense.assign(1, 1.0); return; }
    const int64_t lo = std::min<int64_t>(offset, key);
    const int64_t hi = std::max<int64_t>(offset + int64_t(dense.size()) - 1, key);
    if (hi - lo + 1 > kMaxDenseBins) {
      for (size_t i = 0; i < dense.size(); i++)
        if (dense[i] != 0) sparse[int32_t(offset + int64_t(i))] = dense[i];
      dense.clear();
      useSparse = true;
      sparse[key] += 1;
      return;
    }
    if (key < offset) {
      dense.insert(dense.begin(), size_t(offset - key), 0.0);
      offset = key;
    } else if (int64_t(key) - offset >= int64_t(dense.size())) {
      dense.resize(size_t(int64_t(key) - offset + 1), 0.0);
    }
    dense[size_t(int64_t(key) - offset)] += 1;
  }

  // Calls f(key, count) in ascending key order, skipping empty bins.
  template <typename F>
  void ForEach(F f) const {
    if (useSparse) {
      for (const auto& bin : sparse) f(bin.first, bin.second);
      return;
    }
    for (size_t i = 0; i < dense.size(); i++)
      if (dense[i] != 0) f(int32_t(offset + int64_t(i)), dense[i]);
  }
};

struct Row {
  uint32_t tag;
  double windowStart;
  int kind;
  double count = 0, bad = 0, nonFinite = 0, valid = 0;
  double min = kInf, max = -kInf, mean = 0, m2 = 0;
  double firstT = kInf, firstV = 0, lastT = -kInf, lastV = 0;
  double delta = 0, resets = 0, rollovers = 0, reordered = 0, zeroCount = 0;
  Bins positive, negative;
  std::map<double, double> durations;

  Row(uint32_t tag, double windowStart, int kind) : tag(tag), windowStart(windowStart), kind(kind) {}

  // Counts the sample; true when valid (good quality, finite value). Same as Row.add.
  bool add(double t, double v, uint8_t q) {
    count += 1;
    if (q != 0) { bad += 1; return false; }
    if (!std::isfinite(v)) { nonFinite += 1; return false; }
    valid += 1;
    const double d = v - mean;
    mean += d / valid;
    m2 += d * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
    if (t < firstT) { firstT = t; firstV = v; }
    if (t >= lastT) { lastT = t; lastV = v; }
    return true;
  }
};

struct TagSlot {
  uint32_t tag;
  int kind;
  int index;  // position in counterTags / stateTags, -1 for gauges
  std::map<double, size_t> windows;
  std::vector<uint32_t> samples;
  double lastWindow = 0;
  long lastRow = -1;
};

// e + (m - 1) for x = m * 2^e, read from the IEEE 754 bits (ddsketch.ts log2Approx).
double Log2Approx(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  const double exponent = static_cast<double>(static_cast<int>((bits >> 52) & 0x7ff) - 1023);
  const double fraction =
      static_cast<double>(bits & ((uint64_t{1} << 52) - 1)) / 4503599627370496.0;
  return exponent + fraction;
}

class Kernel {
 public:
  Kernel(double windowMs, double originMs, double maxIntervalMs, double multiplier,
         const uint32_t* counterTags, size_t counters, const double* modulus,
         const uint32_t* stateTags, size_t states)
      : windowMs_(windowMs), originMs_(originMs), maxIntervalMs_(maxIntervalMs),
        multiplier_(multiplier), modulus_(modulus) {
    for (size_t i = 0; i < counters; i++) kinds_[counterTags[i]] = {kCounter, int(i)};
    for (size_t i = 0; i < states; i++) kinds_[stateTags[i]] = {kState, int(i)};
  }

  double WindowOf(double t) const {
    return originMs_ + std::floor((t - originMs_) / windowMs_) * windowMs_;
  }

  Row& RowOf(TagSlot& slot, double windowStart) {
    if (slot.lastRow >= 0 && slot.lastWindow == windowStart) return rows_[slot.lastRow];
    auto found = slot.windows.find(windowStart);
    size_t index;
    if (found == slot.windows.end()) {
      index = rows_.size();
      rows_.emplace_back(slot.tag, windowStart, slot.kind);
      slot.windows.emplace(windowStart, index);
    } else {
      index = found->second;
    }
    slot.lastWindow = windowStart;
    slot.lastRow = long(index);
    return rows_[index];
  }

  TagSlot& SlotOf(uint32_t tag) {
    // Tag indices are small in practice: a direct table avoids hashing every sample.
    if (tag < kDenseTags) {
      if (tag < denseSlot_.size() && denseSlot_[tag] != 0) return slots_[denseSlot_[tag] - 1];
      if (tag >= denseSlot_.size()) denseSlot_.resize(size_t(tag) + 1, 0);
      denseSlot_[tag] = uint32_t(slots_.size() + 1);
    } else {
      auto found = slotIndex_.find(tag);
      if (found != slotIndex_.end()) return slots_[found->second];
      slotIndex_.emplace(tag, slots_.size());
    }
    auto kind = kinds_.find(tag);
    TagSlot slot{tag, kGauge, -1, {}, {}};
    if (kind != kinds_.end()) { slot.kind = kind->second.first; slot.index = kind->second.second; }
    slots_.push_back(std::move(slot));
    return slots_.back();
  }

  void Run(const double* ts, const uint32_t* tags, const double* values, const uint8_t* quality,
           size_t n, double* counterCarry, double* stateCarry) {
    // Pass 1, arrival order: gauges now, counters and states collected.
    for (size_t i = 0; i < n; i++) {
      const double t = ts[i];
      if (!std::isfinite(t)) { invalidTimestamps_++; continue; }
      if (t < minT_) minT_ = t;
      if (t > maxT_) maxT_ = t;
      TagSlot& slot = SlotOf(tags[i]);
      if (slot.kind != kGauge) { slot.samples.push_back(uint32_t(i)); continue; }
      Row& row = RowOf(slot, WindowOf(t));
      const double v = values[i];
      if (!row.add(t, v, quality[i])) continue;
      const double magnitude = std::fabs(v);
      if (magnitude < kMinIndexable) { row.zeroCount += 1; continue; }
      const int32_t key = int32_t(std::ceil(Log2Approx(magnitude) * multiplier_));
      (v > 0 ? row.positive : row.negative).Add(key);
    }
    // Pass 2: counters and states in time order (stable: ties keep arrival order).
    for (TagSlot& slot : slots_) {
      if (slot.kind == kGauge) continue;
      std::stable_sort(slot.samples.begin(), slot.samples.end(),
                       [ts](uint32_t a, uint32_t b) { return ts[a] < ts[b]; });
      double* pair = (slot.kind == kCounter ? counterCarry : stateCarry) + 2 * slot.index;
      for (uint32_t i : slot.samples) {
        const double t = ts[i];
        const double v = values[i];
        Row& row = RowOf(slot, WindowOf(t));
        if (!row.add(t, v, quality[i])) continue;
        const double lastT = pair[0];
        const double lastV = pair[1];
        if (t < lastT) { row.reordered += 1; continue; }
        if (slot.kind == kCounter && !std::isnan(lastT)) {
          CounterStep(row, lastV, v, modulus_[slot.index]);
        } else if (slot.kind == kState && !std::isnan(lastT) && t - lastT <= maxIntervalMs_) {
          AttributeState(slot, lastV, lastT, t);
        }
        pair[0] = t;
        pair[1] = v;
      }
    }
  }

  Napi::Object Emit(Napi::Env env) {
    std::vector<TagSlot*> order;
    for (TagSlot& slot : slots_) order.push_back(&slot);
    std::sort(order.begin(), order.end(),
              [](const TagSlot* a, const TagSlot* b) { return a->tag < b->tag; });
    std::vector<size_t> sorted;
    for (TagSlot* slot : order)
      for (auto& window : slot->windows) sorted.push_back(window.second);
    auto stats = Napi::Float64Array::New(env, sorted.size() * kStride);
    std::vector<double> sketch, durations;
    for (size_t r = 0; r < sorted.size(); r++) {
      const Row& row = rows_[sorted[r]];
      const double fields[kStride] = {
          double(row.tag), row.windowStart, double(row.kind), row.count, row.bad,
          row.nonFinite, row.valid, row.min, row.max, row.mean, row.m2, row.firstT,
          row.firstV, row.lastT, row.lastV, row.delta, row.resets, row.rollovers,
          row.reordered, row.zeroCount};
      std::memcpy(stats.Data() + r * kStride, fields, sizeof fields);
      row.negative.ForEach([&](int32_t key, double count) {
        sketch.insert(sketch.end(), {double(r), -1, double(key), count});
      });
      row.positive.ForEach([&](int32_t key, double count) {
        sketch.insert(sketch.end(), {double(r), 1, double(key), count});
      });
      for (auto& d : row.durations) durations.insert(durations.end(), {double(r), d.first, d.second});
    }
    auto out = Napi::Object::New(env);
    out.Set("rows", double(sorted.size()));
    out.Set("stats", stats);
    out.Set("sketch", ToArray(env, sketch));
    out.Set("durations", ToArray(env, durations));
    out.Set("invalidTimestamps", invalidTimestamps_);
    out.Set("minTimestampMs", minT_);
    out.Set("maxTimestampMs", maxT_);
    return out;
  }

 private:
  static Napi::Float64Array ToArray(Napi::Env env, const std::vector<double>& values) {
    auto array = Napi::Float64Array::New(env, values.size());
    if (!values.empty()) std::memcpy(array.Data(), values.data(), values.size() * sizeof(double));
    return array;
  }

  // Increment of a monotonic counter, rollover or reset aware (counterStep in the reference).
  static void CounterStep(Row& row, double previous, double current, double modulus) {
    if (current >= previous) {
      row.delta += current - previous;
    } else if (modulus > 0 && previous - current > modulus / 2) {
      row.delta += current + modulus - previous;
      row.rollovers += 1;
    } else {
      row.delta += current;
      row.resets += 1;
    }
  }

  void AttributeState(TagSlot& slot, double code, double from, double to) {
    for (double w = WindowOf(from); w < to; w += windowMs_) {
      const double end = std::min(w + windowMs_, to);
      const double start = std::max(w, from);
      if (end > start) RowOf(slot, w).durations[code] += end - start;
    }
  }

  double windowMs_, originMs_, maxIntervalMs_, multiplier_;
  const double* modulus_;
  std::unordered_map<uint32_t, std::pair<int, int>> kinds_;
  static constexpr uint32_t kDenseTags = 65536;
  std::vector<uint32_t> denseSlot_;
  std::unordered_map<uint32_t, size_t> slotIndex_;
  std::vector<TagSlot> slots_;
  std::vector<Row> rows_;
  double invalidTimestamps_ = 0, minT_ = kInf, maxT_ = -kInf;
};


// aggregate(timestamps, tags, values, quality, spec, counterCarry, stateCarry) -> table
Napi::Value Aggregate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto ts = info[0].As<Napi::Float64Array>();
  auto tags = info[1].As<Napi::Uint32Array>();
  auto values = info[2].As<Napi::Float64Array>();
  auto quality = info[3].As<Napi::Uint8Array>();
  auto spec = info[4].As<Napi::Object>();
  auto counterCarry = info[5].As<Napi::Float64Array>();
  auto stateCarry = info[6].As<Napi::Float64Array>();
  auto counterTags = spec.Get("counterTags").As<Napi::Uint32Array>();
  auto modulus = spec.Get("counterModulus").As<Napi::Float64Array>();
  auto stateTags = spec.Get("stateTags").As<Napi::Uint32Array>();
  const size_t n = ts.ElementLength();
  if (tags.ElementLength() != n || values.ElementLength() != n || quality.ElementLength() != n)
    throw Napi::RangeError::New(env, "sample columns differ in length");
  if (modulus.ElementLength() != counterTags.ElementLength() ||
      counterCarry.ElementLength() != 2 * counterTags.ElementLength() ||
      stateCarry.ElementLength() != 2 * stateTags.ElementLength())
    throw Napi::RangeError::New(env, "carry does not match the spec");
  Kernel kernel(spec.Get("windowMs").As<Napi::Number>().DoubleValue(),
                spec.Get("originMs").As<Napi::Number>().DoubleValue(),
                spec.Get("maxIntervalMs").As<Napi::Number>().DoubleValue(),
                spec.Get("sketchMultiplier").As<Napi::Number>().DoubleValue(),
                counterTags.Data(), counterTags.ElementLength(), modulus.Data(),
                stateTags.Data(), stateTags.ElementLength());
  kernel.Run(ts.Data(), tags.Data(), values.Data(), quality.Data(), n, counterCarry.Data(),
             stateCarry.Data());
  return kernel.Emit(env);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("aggregate", Napi::Function::New(env, Aggregate, "aggregate"));
  return exports;
}

}  // namespace

NODE_API_MODULE(millwright_aggregate, Init)
