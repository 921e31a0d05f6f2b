//! The check build.rs runs on the polyphone rule files: a line the reader could not use stops
//! the build instead of being skipped.

#[allow(dead_code)]
#[path = "../build/polyphone_rules.rs"]
mod polyphone_rules;

use polyphone_rules::check_line;

#[test]
fn good_lines_pass() {
    for line in
        ["# a comment", "", "了\tle5\t5.1\tbias\tcur=le5", "翟\tzhai2\t4.796\tL1=^\tL2=\tlw=^", "地\tde5\t8\tlwdup"]
    {
        assert_eq!(check_line(line), Ok(()), "{line:?}");
    }
}

#[test]
fn bad_lines_are_named() {
    let cases = [
        ("了\tle\t1.0\tbias", "numbered pinyin"),
        ("了了\tle5\t1.0\tbias", "one character"),
        ("了\tle5\tmuch\tbias", "score"),
        ("了\tle5\t1.0", "at least one feature"),
        ("了\tle5\t1.0\tX1=a", "unknown feature"),
        ("了\tle5\t1.0\tbias extra", "unknown feature"),
    ];
    for (line, problem) in cases {
        let error = check_line(line).unwrap_err();
        assert!(error.contains(problem), "{line:?}: {error}");
    }
}

#[test]
fn the_shipped_files_pass() {
    for file in ["data/polyphone/rules.tsv", "data/polyphone/manual.tsv"] {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            assert_eq!(check_line(line), Ok(()), "{file}:{}", number + 1);
        }
    }
}
