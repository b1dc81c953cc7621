#include "audit/sha256.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define DOCKET_SHA_NI 1
#endif

namespace docket {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // -1 means the library could not initialise (no entropy source); nothing in libsodium
    // may be used then.
    if (sodium_init() < 0) std::abort();
  });
}

namespace {

#ifdef DOCKET_SHA_NI

bool CpuHasShaNi() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  const bool ssse3 = (c & (1u << 9)) != 0;
  const bool sse41 = (c & (1u << 19)) != 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  const bool sha = (b & (1u << 29)) != 0;
  return ssse3 && sse41 && sha;
}

alignas(16) const std::uint32_t kK[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

// Message words 4i..4i+3 of a block, as big-endian 32-bit integers.
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline __m128i Load(
    const std::uint8_t* block, int i, __m128i byte_swap) {
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i)),
                          byte_swap);
}

// Four rounds (4g..4g+3) with the message words w.
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void Rounds(
    __m128i& state0, __m128i& state1, __m128i w, int g) {
  __m128i msg = _mm_add_epi32(w, _mm_load_si128(reinterpret_cast<const __m128i*>(&kK[4 * g])));
  state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
  msg = _mm_shuffle_epi32(msg, 0x0E);
  state0 = _mm_sha256rnds2_epu32(state0, state1, msg);
}

// Replaces w0 = W[t-16..t-13] by W[t..t+3], given w1 = W[t-12..], w2 = W[t-8..], w3 = W[t-4..].
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void Schedule(
    __m128i& w0, __m128i w1, __m128i w2, __m128i w3) {
  __m128i t = _mm_sha256msg1_epu32(w0, w1);
  t = _mm_add_epi32(t, _mm_alignr_epi8(w3, w2, 4));  // + W[t-7..t-4]
  w0 = _mm_sha256msg2_epu32(t, w3);
}

// The state words a..h into the two registers the instructions want (ABEF, CDGH), and back.
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void LoadState(const std::uint32_t state[8],
                                                                               __m128i& state0, __m128i& state1) {
  __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0]));  // ABCD
  state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4]));        // EFGH
  tmp = _mm_shuffle_epi32(tmp, 0xB1);                // CDAB
  state1 = _mm_shuffle_epi32(state1, 0x1B);          // EFGH reversed
  state0 = _mm_alignr_epi8(tmp, state1, 8);          // ABEF
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // CDGH
}
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void StoreState(__m128i state0, __m128i state1,
                                                                                std::uint32_t state[8]) {
  const __m128i tmp = _mm_shuffle_epi32(state0, 0x1B);  // FEBA
  state1 = _mm_shuffle_epi32(state1, 0xB1);             // DCHG
  state0 = _mm_blend_epi16(tmp, state1, 0xF0);          // DCBA
  state1 = _mm_alignr_epi8(state1, tmp, 8);             // HGFE
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), state0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), state1);
}

// FIPS 180-4 compression of one 64-byte block with the SHA-NI instructions, the state in
// the two registers the instructions want (ABEF, CDGH). The message schedule W[t] for
// t >= 16 is sha256msg2(sha256msg1(W[t-16..], W[t-12..]) + W[t-7..], W[t-4..]).
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void CompressShaNi(__m128i& state0, __m128i& state1,
                                                                                   const std::uint8_t* data) {
  const __m128i kByteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  const __m128i abef = state0;
  const __m128i cdgh = state1;
  __m128i w0 = Load(data, 0, kByteSwap);
  __m128i w1 = Load(data, 1, kByteSwap);
  __m128i w2 = Load(data, 2, kByteSwap);
  __m128i w3 = Load(data, 3, kByteSwap);
  Rounds(state0, state1, w0, 0);
  Rounds(state0, state1, w1, 1);
  Rounds(state0, state1, w2, 2);
  Rounds(state0, state1, w3, 3);
  for (int g = 4; g < 16; g += 4) {
    Schedule(w0, w1, w2, w3);
    Rounds(state0, state1, w0, g);
    Schedule(w1, w2, w3, w0);
    Rounds(state0, state1, w1, g + 1);
    Schedule(w2, w3, w0, w1);
    Rounds(state0, state1, w2, g + 2);
    Schedule(w3, w0, w1, w2);
    Rounds(state0, state1, w3, g + 3);
  }
  state0 = _mm_add_epi32(state0, abef);
  state1 = _mm_add_epi32(state1, cdgh);
}

// One block of each of two messages, the rounds of the two interleaved. A message's rounds
// form one chain, each waiting for the last (sha256rnds2 takes ~4 cycles and can start
// every ~2), so a second, independent chain runs in the gaps: two messages take ~60% of
// the time of two one after the other.
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void CompressTwoShaNi(
    __m128i& a0, __m128i& a1, const std::uint8_t* da, __m128i& b0, __m128i& b1, const std::uint8_t* db) {
  const __m128i kByteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  const __m128i a0_in = a0, a1_in = a1, b0_in = b0, b1_in = b1;
  __m128i x0 = Load(da, 0, kByteSwap), x1 = Load(da, 1, kByteSwap), x2 = Load(da, 2, kByteSwap),
          x3 = Load(da, 3, kByteSwap);
  __m128i y0 = Load(db, 0, kByteSwap), y1 = Load(db, 1, kByteSwap), y2 = Load(db, 2, kByteSwap),
          y3 = Load(db, 3, kByteSwap);
  Rounds(a0, a1, x0, 0);
  Rounds(b0, b1, y0, 0);
  Rounds(a0, a1, x1, 1);
  Rounds(b0, b1, y1, 1);
  Rounds(a0, a1, x2, 2);
  Rounds(b0, b1, y2, 2);
  Rounds(a0, a1, x3, 3);
  Rounds(b0, b1, y3, 3);
  for (int g = 4; g < 16; g += 4) {
    Schedule(x0, x1, x2, x3);
    Schedule(y0, y1, y2, y3);
    Rounds(a0, a1, x0, g);
    Rounds(b0, b1, y0, g);
    Schedule(x1, x2, x3, x0);
    Schedule(y1, y2, y3, y0);
    Rounds(a0, a1, x1, g + 1);
    Rounds(b0, b1, y1, g + 1);
    Schedule(x2, x3, x0, x1);
    Schedule(y2, y3, y0, y1);
    Rounds(a0, a1, x2, g + 2);
    Rounds(b0, b1, y2, g + 2);
    Schedule(x3, x0, x1, x2);
    Schedule(y3, y0, y1, y2);
    Rounds(a0, a1, x3, g + 3);
    Rounds(b0, b1, y3, g + 3);
  }
  a0 = _mm_add_epi32(a0, a0_in);
  a1 = _mm_add_epi32(a1, a1_in);
  b0 = _mm_add_epi32(b0, b0_in);
  b1 = _mm_add_epi32(b1, b1_in);
}

// A message given in two pieces, `a` then `b` (never copied together), followed by its
// padding (FIPS 180-4 5.1.1: 0x80, zeros, the length in bits as 8 big-endian bytes), as
// 64-byte blocks.
class PaddedMessage {
 public:
  PaddedMessage(std::string_view a, std::string_view b)
      : a_(a), b_(b), size_(a.size() + b.size()), blocks_((size_ + 8) / 64 + 1) {}

  std::size_t blocks() const { return blocks_; }

  // Block k: in place when it lies within one piece, else put together in `scratch`.
  const std::uint8_t* Block(std::size_t k, std::uint8_t scratch[64]) const {
    const std::size_t at = 64 * k;
    if (at + 64 <= a_.size()) return Bytes(a_) + at;
    if (at >= a_.size() && at + 64 <= size_) return Bytes(b_) + (at - a_.size());
    std::size_t filled = 0;
    if (at < a_.size()) {
      filled = a_.size() - at;  // < 64 here
      std::memcpy(scratch, Bytes(a_) + at, filled);
    }
    if (at + filled < size_) {  // then b is not empty (its data() may be null otherwise)
      const std::size_t from = at + filled - a_.size();
      const std::size_t n = std::min<std::size_t>(64 - filled, b_.size() - from);
      std::memcpy(scratch + filled, Bytes(b_) + from, n);
      filled += n;
    }
    std::memset(scratch + filled, 0, 64 - filled);
    if (at + filled == size_ && filled < 64) scratch[filled] = 0x80;  // the message ends in this block
    if (k + 1 == blocks_) {
      const std::uint64_t bits = static_cast<std::uint64_t>(size_) * 8;
      for (int i = 0; i < 8; ++i) scratch[63 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
    }
    return scratch;
  }

 private:
  static const std::uint8_t* Bytes(std::string_view s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }

  std::string_view a_, b_;
  std::size_t size_;
  std::size_t blocks_;
};

constexpr std::uint32_t kInitialState[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

Sha256Digest DigestOf(const std::uint32_t state[8]) {
  Sha256Digest out;
  for (int i = 0; i < 8; ++i) {
    out[4 * i] = static_cast<std::uint8_t>(state[i] >> 24);
    out[4 * i + 1] = static_cast<std::uint8_t>(state[i] >> 16);
    out[4 * i + 2] = static_cast<std::uint8_t>(state[i] >> 8);
    out[4 * i + 3] = static_cast<std::uint8_t>(state[i]);
  }
  return out;
}

// The rest of a message, blocks from..end, on one lane.
__attribute__((target("sha,sse4.1,ssse3"))) Sha256Digest FinishShaNi(__m128i state0, __m128i state1,
                                                                     const PaddedMessage& m, std::size_t from) {
  alignas(16) std::uint8_t scratch[64];
  for (std::size_t k = from; k < m.blocks(); ++k) CompressShaNi(state0, state1, m.Block(k, scratch));
  std::uint32_t state[8];
  StoreState(state0, state1, state);
  return DigestOf(state);
}

// SHA-256 of the concatenation of `a` and `b`, without copying them together.
__attribute__((target("sha,sse4.1,ssse3"))) Sha256Digest Sha256ShaNi(std::string_view a, std::string_view b) {
  __m128i state0, state1;
  LoadState(kInitialState, state0, state1);
  return FinishShaNi(state0, state1, PaddedMessage(a, b), 0);
}

// Two messages at once, their blocks side by side (CompressTwoShaNi) while both have some.
__attribute__((target("sha,sse4.1,ssse3"))) void Sha256TwoShaNi(const Sha256Pieces& x, const Sha256Pieces& y,
                                                                Sha256Digest* dx, Sha256Digest* dy) {
  const PaddedMessage mx(x.a, x.b), my(y.a, y.b);
  __m128i x0, x1, y0, y1;
  LoadState(kInitialState, x0, x1);
  LoadState(kInitialState, y0, y1);
  alignas(16) std::uint8_t sx[64], sy[64];
  const std::size_t both = std::min(mx.blocks(), my.blocks());
  for (std::size_t k = 0; k < both; ++k) CompressTwoShaNi(x0, x1, mx.Block(k, sx), y0, y1, my.Block(k, sy));
  *dx = FinishShaNi(x0, x1, mx, both);
  *dy = FinishShaNi(y0, y1, my, both);
}

const bool kHasShaNi = CpuHasShaNi();

#else

const bool kHasShaNi = false;

#endif

}  // namespace

Sha256Digest Sha256Portable(std::string_view data) {
  EnsureSodium();
  Sha256Digest out;
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

Sha256Digest Sha256(std::string_view data) { return Sha256(data, {}); }

Sha256Digest Sha256(std::string_view a, std::string_view b) {
#ifdef DOCKET_SHA_NI
  if (kHasShaNi) return Sha256ShaNi(a, b);
#endif
  EnsureSodium();
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  Sha256Digest out;
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

void Sha256Two(const Sha256Pieces& x, const Sha256Pieces& y, Sha256Digest* dx, Sha256Digest* dy) {
#ifdef DOCKET_SHA_NI
  if (kHasShaNi) {
    Sha256TwoShaNi(x, y, dx, dy);
    return;
  }
#endif
  *dx = Sha256(x.a, x.b);
  *dy = Sha256(y.a, y.b);
}

bool Sha256UsesCpuInstructions() { return kHasShaNi; }

void HexDigest(const Sha256Digest& digest, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < digest.size(); ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
}

bool IsHexOf(const Sha256Digest& digest, std::string_view hex) {
  // Each byte's two digits, looked up at once.
  static const auto kPairs = [] {
    std::array<char, 512> t{};
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 256; ++i) {
      t[2 * i] = kHex[i >> 4];
      t[2 * i + 1] = kHex[i & 0xF];
    }
    return t;
  }();
  if (hex.size() != 64) return false;
  char text[64];
  for (std::size_t i = 0; i < 32; ++i) std::memcpy(text + 2 * i, &kPairs[2 * digest[i]], 2);
  return std::memcmp(text, hex.data(), 64) == 0;
}

bool ParseHexDigest(std::string_view hex, Sha256Digest* digest) {
  static const auto kValue = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 10; ++i) t['0' + i] = static_cast<std::int8_t>(i);
    for (int i = 0; i < 6; ++i) t['a' + i] = static_cast<std::int8_t>(10 + i);
    return t;
  }();
  if (hex.size() != 64) return false;
  int bad = 0;
  for (std::size_t i = 0; i < 32; ++i) {
    const int hi = kValue[static_cast<unsigned char>(hex[2 * i])];
    const int lo = kValue[static_cast<unsigned char>(hex[2 * i + 1])];
    bad |= hi | lo;  // negative if either is not a digit
    (*digest)[i] = static_cast<std::uint8_t>(((static_cast<unsigned>(hi) & 0xF) << 4) | (static_cast<unsigned>(lo) & 0xF));
  }
  return bad >= 0;
}

std::string HexDigest(const Sha256Digest& digest) {
  std::string out(64, '\0');
  HexDigest(digest, out.data());
  return out;
}

namespace {
class Sha256TextDigest final : public TextDigest {
 public:
  std::string Sha256Hex(std::string_view text) const override { return HexDigest(Sha256(text)); }
};
}  // namespace

const TextDigest& Sha256Text() {
  static const Sha256TextDigest digest;
  return digest;
}

}  // namespace docket
