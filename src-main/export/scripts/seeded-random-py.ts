/**
 * The app's seeded generator (mulberry32, src-main/engine/training/seeded-random.ts) in Python,
 * so scripts given the same seed draw the same numbers as the app: the text-generation bundle's
 * sampling and the training project's shuffled split of texts.
 */

export const SEEDED_RANDOM_PY = String.raw`M32 = 0xFFFFFFFF


def seeded_random(seed):
    """mulberry32, the app's seeded generator: floats in [0, 1)."""
    state = seed & M32

    def imul(a, b):
        return (a * b) & M32

    def draw():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = imul(state ^ (state >> 15), state | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return draw
`;
