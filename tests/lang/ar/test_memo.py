from akhbar.lang.ar.memo import WordMemo


def test_word_memo_is_bounded_and_keeps_its_answers() -> None:
    calls: list[str] = []

    def length(word: str) -> int:
        calls.append(word)
        return len(word)

    memo = WordMemo(length, 3)
    assert [memo[w] for w in ["قال", "أكد", "قال", "أضاف"]] == [3, 3, 3, 4]
    assert calls == ["قال", "أكد", "أضاف"]  # the second قال was remembered
    assert [memo[w] for w in ["ذكر", "شدد", "أوضح"]] == [3, 3, 4]
    assert len(memo) <= 3  # emptied when full, not grown
