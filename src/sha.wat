;; The compression functions of SHA-256 and SHA-1 (FIPS 180-4, 6.2.2 and 6.1.2), over
;; whole 64-byte blocks; src/hash.ts pads the message, sets the initial state and reads
;; the digest. Assembled by scripts/gen-sha-wasm.mjs into src/sha-wasm.ts (checked by
;; test/audit/hash.test.ts). Memory: the state at 0 (8 words, in the machine's order),
;; SHA-256's round constants at 32, the message schedule W at 288, blocks from 1024 on.
(module
  (memory (export "memory") 1)
  (data (i32.const 32)
    "\98\2f\8a\42\91\44\37\71\cf\fb\c0\b5\a5\db\b5\e9\5b\c2\56\39\f1\11\f1\59\a4\82\3f\92\d5\5e\1c\ab"
    "\98\aa\07\d8\01\5b\83\12\be\85\31\24\c3\7d\0c\55\74\5d\be\72\fe\b1\de\80\a7\06\dc\9b\74\f1\9b\c1"
    "\c1\69\9b\e4\86\47\be\ef\c6\9d\c1\0f\cc\a1\0c\24\6f\2c\e9\2d\aa\84\74\4a\dc\a9\b0\5c\da\88\f9\76"
    "\52\51\3e\98\6d\c6\31\a8\c8\27\03\b0\c7\7f\59\bf\f3\0b\e0\c6\47\91\a7\d5\51\63\ca\06\67\29\29\14"
    "\85\0a\b7\27\38\21\1b\2e\fc\6d\2c\4d\13\0d\38\53\54\73\0a\65\bb\0a\6a\76\2e\c9\c2\81\85\2c\72\92"
    "\a1\e8\bf\a2\4b\66\1a\a8\70\8b\4b\c2\a3\51\6c\c7\19\e8\92\d1\24\06\99\d6\85\35\0e\f4\70\a0\6a\10"
    "\16\c1\a4\19\08\6c\37\1e\4c\77\48\27\b5\bc\b0\34\b3\0c\1c\39\4a\aa\d8\4e\4f\ca\9c\5b\f3\6f\2e\68"
    "\ee\82\8f\74\6f\63\a5\78\14\78\c8\84\08\02\c7\8c\fa\ff\be\90\eb\6c\50\a4\f7\a3\f9\be\f2\78\71\c6")
  (func $bswap (param $x i32) (result i32)
    (i32.or (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xff00ff00))
            (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00ff00ff))))
  ;; W[0..15]: the block at $p as big-endian words.
  (func $load (param $p i32)
    (local $i i32)
    (loop $words
      (i32.store offset=288 (i32.shl (local.get $i) (i32.const 2))
        (call $bswap (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $words (i32.lt_u (local.get $i) (i32.const 16)))))
  ;; W[i - $back] for the word being made at $i.
  (func $w (param $i i32) (param $back i32) (result i32)
    (i32.load offset=288 (i32.shl (i32.sub (local.get $i) (local.get $back)) (i32.const 2))))

  (func (export "sha256") (param $p i32) (param $n i32)
    (local $i i32) (local $t1 i32) (local $t2 i32) (local $x i32) (local $y i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $f i32) (local $g i32) (local $h i32)
    (block $done (loop $blocks
      (br_if $done (i32.eqz (local.get $n)))
      (call $load (local.get $p))
      ;; W[16..63] = s1(W[i-2]) + W[i-7] + s0(W[i-15]) + W[i-16]
      (local.set $i (i32.const 16))
      (loop $schedule
        (local.set $x (call $w (local.get $i) (i32.const 15)))
        (local.set $y (call $w (local.get $i) (i32.const 2)))
        (i32.store offset=288 (i32.shl (local.get $i) (i32.const 2))
          (i32.add
            (i32.add
              (i32.xor (i32.xor (i32.rotr (local.get $y) (i32.const 17)) (i32.rotr (local.get $y) (i32.const 19))) (i32.shr_u (local.get $y) (i32.const 10)))
              (call $w (local.get $i) (i32.const 7)))
            (i32.add
              (i32.xor (i32.xor (i32.rotr (local.get $x) (i32.const 7)) (i32.rotr (local.get $x) (i32.const 18))) (i32.shr_u (local.get $x) (i32.const 3)))
              (call $w (local.get $i) (i32.const 16)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $schedule (i32.lt_u (local.get $i) (i32.const 64))))
      (local.set $a (i32.load (i32.const 0))) (local.set $b (i32.load (i32.const 4)))
      (local.set $c (i32.load (i32.const 8))) (local.set $d (i32.load (i32.const 12)))
      (local.set $e (i32.load (i32.const 16))) (local.set $f (i32.load (i32.const 20)))
      (local.set $g (i32.load (i32.const 24))) (local.set $h (i32.load (i32.const 28)))
      (local.set $i (i32.const 0))
      (loop $rounds
        ;; T1 = h + S1(e) + Ch(e, f, g) + K[i] + W[i]
        (local.set $t1
          (i32.add
            (i32.add
              (i32.add (local.get $h)
                (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 6)) (i32.rotr (local.get $e) (i32.const 11))) (i32.rotr (local.get $e) (i32.const 25))))
              (i32.xor (i32.and (local.get $e) (local.get $f)) (i32.and (i32.xor (local.get $e) (i32.const -1)) (local.get $g))))
            (i32.add
              (i32.load offset=32 (i32.shl (local.get $i) (i32.const 2)))
              (i32.load offset=288 (i32.shl (local.get $i) (i32.const 2))))))
        ;; T2 = S0(a) + Maj(a, b, c)
        (local.set $t2
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotr (local.get $a) (i32.const 13))) (i32.rotr (local.get $a) (i32.const 22)))
            (i32.xor (i32.xor (i32.and (local.get $a) (local.get $b)) (i32.and (local.get $a) (local.get $c))) (i32.and (local.get $b) (local.get $c)))))
        (local.set $h (local.get $g)) (local.set $g (local.get $f)) (local.set $f (local.get $e))
        (local.set $e (i32.add (local.get $d) (local.get $t1)))
        (local.set $d (local.get $c)) (local.set $c (local.get $b)) (local.set $b (local.get $a))
        (local.set $a (i32.add (local.get $t1) (local.get $t2)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rounds (i32.lt_u (local.get $i) (i32.const 64))))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get $a)))
      (i32.store (i32.const 4) (i32.add (i32.load (i32.const 4)) (local.get $b)))
      (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (local.get $c)))
      (i32.store (i32.const 12) (i32.add (i32.load (i32.const 12)) (local.get $d)))
      (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (local.get $e)))
      (i32.store (i32.const 20) (i32.add (i32.load (i32.const 20)) (local.get $f)))
      (i32.store (i32.const 24) (i32.add (i32.load (i32.const 24)) (local.get $g)))
      (i32.store (i32.const 28) (i32.add (i32.load (i32.const 28)) (local.get $h)))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $blocks))))

  (func (export "sha1") (param $p i32) (param $n i32)
    (local $i i32) (local $t i32) (local $fk i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (block $done (loop $blocks
      (br_if $done (i32.eqz (local.get $n)))
      (call $load (local.get $p))
      ;; W[16..79] = rotl1(W[i-3] ^ W[i-8] ^ W[i-14] ^ W[i-16]): W runs to 288 + 320 bytes
      (local.set $i (i32.const 16))
      (loop $schedule
        (i32.store offset=288 (i32.shl (local.get $i) (i32.const 2))
          (i32.rotl
            (i32.xor (i32.xor (call $w (local.get $i) (i32.const 3)) (call $w (local.get $i) (i32.const 8)))
                     (i32.xor (call $w (local.get $i) (i32.const 14)) (call $w (local.get $i) (i32.const 16))))
            (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $schedule (i32.lt_u (local.get $i) (i32.const 80))))
      (local.set $a (i32.load (i32.const 0))) (local.set $b (i32.load (i32.const 4)))
      (local.set $c (i32.load (i32.const 8))) (local.set $d (i32.load (i32.const 12)))
      (local.set $e (i32.load (i32.const 16)))
      (local.set $i (i32.const 0))
      (loop $rounds
        ;; f(b, c, d) + K for the round's quarter
        (local.set $fk
          (if (result i32) (i32.lt_u (local.get $i) (i32.const 20))
            (then (i32.add (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (i32.xor (local.get $b) (i32.const -1)) (local.get $d))) (i32.const 0x5a827999)))
            (else (if (result i32) (i32.lt_u (local.get $i) (i32.const 40))
              (then (i32.add (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)) (i32.const 0x6ed9eba1)))
              (else (if (result i32) (i32.lt_u (local.get $i) (i32.const 60))
                (then (i32.add (i32.or (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (local.get $b) (local.get $d))) (i32.and (local.get $c) (local.get $d))) (i32.const 0x8f1bbcdc)))
                (else (i32.add (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)) (i32.const 0xca62c1d6)))))))))
        (local.set $t
          (i32.add (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $fk))
                   (i32.add (local.get $e) (i32.load offset=288 (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $e (local.get $d)) (local.set $d (local.get $c))
        (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
        (local.set $b (local.get $a)) (local.set $a (local.get $t))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rounds (i32.lt_u (local.get $i) (i32.const 80))))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get $a)))
      (i32.store (i32.const 4) (i32.add (i32.load (i32.const 4)) (local.get $b)))
      (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (local.get $c)))
      (i32.store (i32.const 12) (i32.add (i32.load (i32.const 12)) (local.get $d)))
      (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (local.get $e)))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $blocks))))
)
