package dev.ferry.service;

/** Where the console's connection stands, shown with a word and a tone. */
public enum ConnectionStatus {
    NOT_CONNECTED("not connected", Tone.UNKNOWN),
    CONNECTING("connecting…", Tone.RUNNING),
    CONNECTED("connected", Tone.OK),
    FAILED("failed", Tone.FAIL);

    private final String label;
    private final Tone tone;

    ConnectionStatus(String label, Tone tone) {
        this.label = label;
        this.tone = tone;
    }

    public String label() {
        return label;
    }

    public Tone tone() {
        return tone;
    }
}
