//! Readings of polyphonic characters, in words and in context, through the real binary
//! (`duizhao pinyin`): word readings (CC-CEDICT ranked, phrase data, manual choices) and the
//! context rules of src/readings/polyphone.rs.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `duizhao pinyin ARGS` on `input` (one sentence a line) and returns its output lines.
fn pinyin(args: &[&str], lines: &[&str]) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .arg("pinyin")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run duizhao");
    let mut input = lines.join("\n");
    input.push('\n');
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(str::to_string).collect()
}

/// Checks `(text, per-character numbered pinyin)` pairs in one run of the binary.
fn check_per_char(cases: &[(&str, &str)]) {
    let texts: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let got = pinyin(&["--per-char", "--style", "numbers"], &texts);
    let mut failures = Vec::new();
    for ((text, want), got) in cases.iter().zip(&got) {
        if got != want {
            failures.push(format!("{text}: want {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "wrong readings:\n{}", failures.join("\n"));
}

#[test]
fn polyphonic_words() {
    check_per_char(&[
        ("了解", "liao3 jie3"),
        ("好奇", "hao4 qi2"),
        ("处于", "chu3 yu2"),
        ("当做", "dang4 zuo4"),
        ("得罪", "de2 zui4"),
        ("觉得", "jue2 de5"),
        ("还是", "hai2 shi4"),
        ("应该", "ying1 gai1"),
        ("行为艺术", "xing2 wei2 yi4 shu4"),
        ("大不了", "da4 bu4 liao3"),
        ("种种", "zhong3 zhong3"),
        ("载体", "zai4 ti3"),
        ("阜成门", "fu4 cheng2 men2"),
        ("银行行长", "yin2 hang2 hang2 zhang3"),
    ]);
}

#[test]
fn neutral_tones() {
    check_per_char(&[
        ("妈妈和爸爸", "ma1 ma5 he2 ba4 ba5"),
        ("哥哥", "ge1 ge5"),
        ("这个东西很好。", "zhe4 ge5 dong1 xi5 hen3 hao3"),
        ("我们的桌子", "wo3 men5 de5 zhuo1 zi5"),
        ("石头", "shi2 tou5"),
        ("你好吗？", "ni3 hao3 ma5"),
        ("我吃了饭。", "wo3 chi1 le5 fan4"),
    ]);
}

#[test]
fn readings_in_context() {
    check_per_char(&[
        // 得: complement marker, 'obtain' before 了, 'must' after a subject.
        ("他跑得很快。", "ta1 pao3 de5 hen3 kuai4"),
        ("他说得对。", "ta1 shuo1 de5 dui4"),
        ("他得了第一名。", "ta1 de2 le5 di4 yi1 ming2"),
        ("你得去看看。", "ni3 dei3 qu4 kan4 kan5"),
        // 地 after a reduplicated word or an adverbial: de.
        ("他慢慢地走。", "ta1 man4 man4 de5 zou3"),
        ("他高高兴兴地回家了。", "ta1 gao1 gao1 xing4 xing4 de5 hui2 jia1 le5"),
        ("我认真地学习。", "wo3 ren4 zhen1 de5 xue2 xi2"),
        // 长: long after a degree word, grow in 长大.
        ("这件衣服很长。", "zhe4 jian4 yi1 fu2 hen3 chang2"),
        ("他长大了。", "ta1 zhang3 da4 le5"),
        // 还: give back before money, still elsewhere.
        ("他还钱了。", "ta1 huan2 qian2 le5"),
        ("我还是喜欢你。", "wo3 hai2 shi4 xi3 huan5 ni3"),
        // 重: again before a verb.
        ("我们重来一次。", "wo3 men5 chong2 lai2 yi1 ci4"),
        ("他了解这件事。", "ta1 liao3 jie3 zhe4 jian4 shi4"),
        // 还 before 了 alone: gave back; before 了解: still.
        ("他还了我一百块钱。", "ta1 huan2 le5 wo3 yi1 bai3 kuai4 qian2"),
        ("他还了解情况。", "ta1 hai2 liao3 jie3 qing2 kuang4"),
        // 藏: hide as a verb, Tibet in 西藏.
        ("他把钱藏起来了。", "ta1 ba3 qian2 cang2 qi3 lai5 le5"),
        ("他藏在门后。", "ta1 cang2 zai4 men2 hou4"),
        ("西藏很美。", "xi1 zang4 hen3 mei3"),
        // 种: plant after a modal or adverb, kind in 这种.
        ("我想种几棵树。", "wo3 xiang3 zhong4 ji3 ke1 shu4"),
        ("这种花很难种。", "zhe4 zhong3 hua1 hen3 nan2 zhong4"),
    ]);
}

/// Everyday sentences (Tatoeba's kind) that were read wrong; the classifier or noun reading
/// pinned beside each, so a rule that only flips a character fails.
#[test]
fn everyday_sentences() {
    check_per_char(&[
        ("他为甚么不去？", "ta1 wei4 shen2 me5 bu4 qu4"),
        ("这个箱子有多重？", "zhe4 ge5 xiang1 zi5 you3 duo1 zhong4"),
        ("你咋不来？", "ni3 za3 bu4 lai2"),
        ("请明天前还书。", "qing3 ming2 tian1 qian2 huan2 shu1"),
        ("把音量调大一点。", "ba3 yin1 liang4 tiao2 da4 yi1 dian3"),
        ("他被调到上海了。", "ta1 bei4 diao4 dao4 shang4 hai3 le5"),
        ("他还书写了一封信。", "ta1 hai2 shu1 xie3 le5 yi1 feng1 xin4"),
        ("他听了直咋舌。", "ta1 ting1 le5 zhi2 ze2 she2"),
        ("他歌儿唱得不咋地。", "ta1 ge1 r5 chang4 de5 bu4 za3 de5"),
        ("他把我当朋友。", "ta1 ba3 wo3 dang4 peng2 you5"),
        ("当我回来时，他走了。", "dang1 wo3 hui2 lai5 shi2 ta1 zou3 le5"),
        ("多重国籍是不允许的。", "duo1 chong2 guo2 ji2 shi4 bu4 yun3 xu3 de5"),
        ("我会载你一程。", "wo3 hui4 zai4 ni3 yi1 cheng2"),
        ("这件事记载在书上。", "zhe4 jian4 shi4 ji4 zai3 zai4 shu1 shang4"),
        ("你今天晚上没空吗？", "ni3 jin1 tian1 wan3 shang5 mei2 kong4 ma5"),
        ("天空很蓝。", "tian1 kong1 hen3 lan2"),
        ("他正在弹钢琴。", "ta1 zheng4 zai4 tan2 gang1 qin2"),
        ("子弹打中了他。", "zi3 dan4 da3 zhong4 le5 ta1"),
        ("种树是好事，种花也是。", "zhong4 shu4 shi4 hao3 shi4 zhong4 hua1 ye3 shi4"),
        ("两种菜都很好吃。", "liang3 zhong3 cai4 dou1 hen3 hao3 chi1"),
        ("在你的词典查一查这个词。", "zai4 ni3 de5 ci2 dian3 cha2 yi1 cha2 zhe4 ge5 ci2"),
        ("口香糖粘到他的鞋子上了。", "kou3 xiang1 tang2 zhan1 dao4 ta1 de5 xie2 zi5 shang4 le5"),
        ("我喜欢短发。", "wo3 xi3 huan5 duan3 fa4"),
        ("他发了一封信。", "ta1 fa1 le5 yi1 feng1 xin4"),
        ("这是一把中式扇子。", "zhe4 shi4 yi1 ba3 zhong1 shi4 shan4 zi5"),
        ("他为人稳重。", "ta1 wei2 ren2 wen3 zhong4"),
        ("为人民服务。", "wei4 ren2 min2 fu2 wu4"),
        ("汤姆对烹饪很在行。", "tang1 mu3 dui4 peng1 ren4 hen3 zai4 hang2"),
        ("她穿着盛装。", "ta1 chuan1 zhe5 sheng4 zhuang1"),
        ("长胡子的是汤姆。", "zhang3 hu2 zi5 de5 shi4 tang1 mu3"),
        ("那条河流很长。", "na4 tiao2 he2 liu2 hen3 chang2"),
        ("我真该睡一觉了。", "wo3 zhen1 gai1 shui4 yi1 jiao4 le5"),
        ("我觉得很好。", "wo3 jue2 de5 hen3 hao3"),
        ("这辆出租车载了两名乘客。", "zhe4 liang4 chu1 zu1 che1 zai4 le5 liang3 ming2 cheng2 ke4"),
        ("他攒下了一笔钱。", "ta1 zan3 xia4 le5 yi1 bi3 qian2"),
        ("请系好安全带。", "qing3 ji4 hao3 an1 quan2 dai4"),
        ("厕所塞住了。", "ce4 suo3 sai1 zhu4 le5"),
        ("我屏住了呼吸。", "wo3 bing3 zhu4 le5 hu1 xi1"),
        ("他被卷进了是非中。", "ta1 bei4 juan3 jin4 le5 shi4 fei1 zhong1"),
        ("这是一卷纸。", "zhe4 shi4 yi1 juan4 zhi3"),
        ("汤姆拧干毛巾。", "tang1 mu3 ning2 gan1 mao2 jin1"),
        // A surname before a word with a neutral tone is no name: 盖 + 房子.
        ("汤姆在盖房子。", "tang1 mu3 zai4 gai4 fang2 zi5"),
    ]);
}

#[test]
fn word_mode_uses_the_same_readings() {
    let got = pinyin(&["--style", "numbers"], &["阜成门", "这不是什么大不了的事。", "他慢慢地走。"]);
    // Word mode prints the neutral tone dictionaries give 大不了 (per character it is bù).
    assert_eq!(got, ["Fu4cheng2men2", "zhe4 bu4shi4 shen2me5 da4bu5liao3 de5 shi4。", "ta1 man4man4 de5 zou3。"]);
    let got = pinyin(&[], &["他跑得很快。"]);
    assert_eq!(got, ["tā pǎo de hěn kuài。"]);
}

/// A name jieba's tagger took together with the verb after it is read as the name and the
/// verb; a surname before a title stays a person.
#[test]
fn names_keep_to_themselves() {
    let got = pinyin(&[], &["张伟来了。", "刘华去北京了。", "刘先生在家。", "汤姆在盖房子。"]);
    assert_eq!(
        got,
        ["Zhāng Wěi lái le。", "Liú Huá qù Běijīng le。", "Liú Xiānsheng zàijiā。", "Tāngmǔ zài gài fángzi。"]
    );
    // Words jieba's dictionary tags as names that are none: two characters, or three opening
    // with a common word. Its three-character names stay names.
    // A surname after 姓, or after 老 and 小 as a form of address, is a surname; 小 before a
    // classifier is small.
    // Words jieba's tagger takes for names that are shaped like none: sayings of four
    // characters, 汤里 (in the soup), 黄顾二人 (Huang and Gu, the two of them).
    let got = pinyin(&[], &["江山易改，本性难移。", "汤里有毒药。", "黄顾二人站起身来。", "朱之文去参观。"]);
    assert_eq!(
        got,
        [
            "jiāngshān yì gǎi， běnxìngnányí。",
            "tāng lǐ yǒu dúyào。",
            "Huáng Gù èr rén zhàn qǐshēn lái。",
            "Zhū Zhīwén qù cānguān。"
        ]
    );
    let got = pinyin(&[], &["我姓陈。", "老陈来了。", "小王说得对。", "一小张纸。", "陈和李都来了。"]);
    assert_eq!(
        got,
        [
            "wǒ xìng Chén。",
            "Lǎo Chén lái le。",
            "Xiǎo Wáng shuō de duì。",
            "yī xiǎo zhāng zhǐ。",
            "chén hé lǐ dōu lái le。"
        ]
    );
    let got = pinyin(&[], &["谢谢您的好意。", "钟声响了。", "解释权归本公司。", "严重者住院。", "韦小宝笑了。"]);
    assert_eq!(
        got,
        [
            "xièxie nín de hǎoyì。",
            "zhōng shēngxiǎng le。",
            "jiěshì quán guī běn gōngsī。",
            "yánzhòng zhě zhùyuàn。",
            "Wéi Xiǎobǎo xiào le。"
        ]
    );
}
