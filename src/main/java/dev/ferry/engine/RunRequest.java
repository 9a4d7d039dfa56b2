package dev.ferry.engine;

/**
 * What an operator asks of a run from any console or terminal: written to the journal, honoured by the run's worker
 * at its next batch.
 *
 * @param batchSize for {@link Kind#SET}: records per batch from the next batch on, or null to keep it
 * @param rate      for {@link Kind#SET}: a rate limit in records per second (0 removes it), or null to keep it
 */
public record RunRequest(Kind kind, Integer batchSize, Double rate) {

    public enum Kind { PAUSE, RESUME, CANCEL, SET }

    public static RunRequest pause() {
        return new RunRequest(Kind.PAUSE, null, null);
    }

    public static RunRequest resume() {
        return new RunRequest(Kind.RESUME, null, null);
    }

    public static RunRequest cancel() {
        return new RunRequest(Kind.CANCEL, null, null);
    }

    public static RunRequest set(Integer batchSize, Double rate) {
        return new RunRequest(Kind.SET, batchSize, rate);
    }

    /** "pause", "batch size 500, rate 2,000/s": for messages and the audit trail. */
    public String describe() {
        if (kind != Kind.SET) {
            return kind.name().toLowerCase();
        }
        StringBuilder out = new StringBuilder("set");
        if (batchSize != null) {
            out.append(" batch size ").append(batchSize);
        }
        if (rate != null) {
            out.append(batchSize != null ? "," : "").append(rate <= 0 ? " no rate limit"
                    : " rate limit " + Math.round(rate) + " records/s");
        }
        return out.toString();
    }
}
