import Model
import Pipeline

/// vt-synth: deterministic synthetic exports in every layout of `exports.md`.
public enum Synthesizer {}
