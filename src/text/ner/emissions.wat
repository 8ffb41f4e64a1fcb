;; Emission scores of the NER model (src/text/ner/kernel.ts), the tagger's hottest loop:
;;   out[i*9 + c] = sum over k < 45 of w[feats[i*45 + k]*9 + c]   (c < 9 labels)
;; Each feature's row of 9 f32 weights is read as two v128 loads plus one f32, widened to f64 and
;; added in the same order as the JS reference (model.ts `emissions`), then rounded once to f32:
;; the scores are bit-identical to it. Built into emissions.wasm by `npm run build:wasm`.
;; Arguments are byte offsets into the exported memory.
(module
  (memory (export "memory") 1)
  (func (export "emissions") (param $w i32) (param $feats i32) (param $n i32) (param $out i32)
    (local $i i32) (local $k i32) (local $r i32) (local $v v128)
    (local $a01 v128) (local $a23 v128) (local $a45 v128) (local $a67 v128) (local $a8 f64)
    (block $done
      (loop $tokens
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a01 (v128.const f64x2 0 0))
        (local.set $a23 (v128.const f64x2 0 0))
        (local.set $a45 (v128.const f64x2 0 0))
        (local.set $a67 (v128.const f64x2 0 0))
        (local.set $a8 (f64.const 0))
        (local.set $k (i32.const 45))
        (loop $features
          (local.set $r (i32.add (local.get $w) (i32.mul (i32.load (local.get $feats)) (i32.const 36))))
          (local.set $v (v128.load (local.get $r)))
          (local.set $a01 (f64x2.add (local.get $a01) (f64x2.promote_low_f32x4 (local.get $v))))
          (local.set $a23 (f64x2.add (local.get $a23) (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
          (local.set $v (v128.load offset=16 (local.get $r)))
          (local.set $a45 (f64x2.add (local.get $a45) (f64x2.promote_low_f32x4 (local.get $v))))
          (local.set $a67 (f64x2.add (local.get $a67) (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
          (local.set $a8 (f64.add (local.get $a8) (f64.promote_f32 (f32.load offset=32 (local.get $r)))))
          (local.set $feats (i32.add (local.get $feats) (i32.const 4)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br_if $features (local.get $k)))
        (f32.store offset=0 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 0 (local.get $a01))))
        (f32.store offset=4 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 1 (local.get $a01))))
        (f32.store offset=8 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 0 (local.get $a23))))
        (f32.store offset=12 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 1 (local.get $a23))))
        (f32.store offset=16 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 0 (local.get $a45))))
        (f32.store offset=20 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 1 (local.get $a45))))
        (f32.store offset=24 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 0 (local.get $a67))))
        (f32.store offset=28 (local.get $out) (f32.demote_f64 (f64x2.extract_lane 1 (local.get $a67))))
        (f32.store offset=32 (local.get $out) (f32.demote_f64 (local.get $a8)))
        (local.set $out (i32.add (local.get $out) (i32.const 36)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tokens))))
)
