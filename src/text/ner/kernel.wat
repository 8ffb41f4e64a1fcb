;; The NER tagger's two hot loops (src/text/ner/kernel.ts), bit-identical to their JS references in
;; model.ts. Built into kernel.wasm by `npm run build:wasm`. Arguments are byte offsets into the
;; exported memory. 9 labels and 45 features per token are built in (kernel.ts checks both).
(module
  (memory (export "memory") 1)

  ;; Emission scores: out[i*9 + c] = sum over k < 45 of w[feats[i*45 + k]*9 + c]. Each feature's row
  ;; of 9 f32 weights is read as two v128 loads plus one f32, widened to f64 and added in the same
  ;; order as `emissions` in model.ts, then rounded once to f32.
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

  ;; Best label sequence under the transition scores, as `viterbi` in model.ts: the same f64 sums and
  ;; strict comparisons in the same order, so ties go the same way. trans: (9 + 1) x 9 f64 (row 9 =
  ;; sentence start); allowed: the same shape in bytes (0 = transition not allowed); emis: n x 9 f32;
  ;; score (n x 9 f64) and back (n x 9 i32) are scratch; out: n i32 labels.
  (func (export "viterbi") (param $emis i32) (param $trans i32) (param $allowed i32) (param $n i32)
    (param $score i32) (param $back i32) (param $out i32)
    (local $i i32) (local $c i32) (local $p i32) (local $best f64) (local $arg i32) (local $s f64)
    (local $prev i32) (local $row i32) (local $cell i32)
    (if (i32.eqz (local.get $n)) (then (return)))
    ;; first token: start transition + emission, or -inf where the start cannot take the label
    (local.set $c (i32.const 0))
    (loop $first
      (f64.store (i32.add (local.get $score) (i32.shl (local.get $c) (i32.const 3)))
        (if (result f64) (i32.load8_u offset=81 (i32.add (local.get $allowed) (local.get $c)))
          (then (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $emis) (i32.shl (local.get $c) (i32.const 2)))))
                         (f64.load offset=648 (i32.add (local.get $trans) (i32.shl (local.get $c) (i32.const 3))))))
          (else (f64.const -inf))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $first (i32.lt_u (local.get $c) (i32.const 9))))
    (local.set $i (i32.const 1))
    (block $forward_done
      (loop $forward
        (br_if $forward_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $score) (i32.mul (local.get $i) (i32.const 72))))
        (local.set $prev (i32.sub (local.get $row) (i32.const 72)))
        (local.set $c (i32.const 0))
        (loop $labels
          (local.set $best (f64.const -inf))
          (local.set $arg (i32.const 0))
          (local.set $p (i32.const 0))
          (loop $prevs
            (local.set $cell (i32.add (i32.mul (local.get $p) (i32.const 9)) (local.get $c)))
            (if (i32.load8_u (i32.add (local.get $allowed) (local.get $cell)))
              (then
                (local.set $s (f64.add (f64.load (i32.add (local.get $prev) (i32.shl (local.get $p) (i32.const 3))))
                                       (f64.load (i32.add (local.get $trans) (i32.shl (local.get $cell) (i32.const 3))))))
                (if (f64.gt (local.get $s) (local.get $best))
                  (then (local.set $best (local.get $s)) (local.set $arg (local.get $p))))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $prevs (i32.lt_u (local.get $p) (i32.const 9))))
          (local.set $cell (i32.add (i32.mul (local.get $i) (i32.const 9)) (local.get $c)))
          (f64.store (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))
            (f64.add (local.get $best) (f64.promote_f32 (f32.load (i32.add (local.get $emis) (i32.shl (local.get $cell) (i32.const 2)))))))
          (i32.store (i32.add (local.get $back) (i32.shl (local.get $cell) (i32.const 2))) (local.get $arg))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $labels (i32.lt_u (local.get $c) (i32.const 9))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $forward)))
    ;; best last label, then follow the back pointers
    (local.set $row (i32.add (local.get $score) (i32.mul (i32.sub (local.get $n) (i32.const 1)) (i32.const 72))))
    (local.set $best (f64.const -inf))
    (local.set $arg (i32.const 0))
    (local.set $c (i32.const 0))
    (loop $last
      (local.set $s (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))
      (if (f64.gt (local.get $s) (local.get $best))
        (then (local.set $best (local.get $s)) (local.set $arg (local.get $c))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $last (i32.lt_u (local.get $c) (i32.const 9))))
    (local.set $i (local.get $n))
    (loop $backtrack
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $arg))
      (local.set $arg (i32.load (i32.add (local.get $back)
        (i32.shl (i32.add (i32.mul (local.get $i) (i32.const 9)) (local.get $arg)) (i32.const 2)))))
      (br_if $backtrack (local.get $i))))
)
