package todoservice.config;

import java.util.Locale;

/** Which cache tiers serve reads: none, the shared Redis tier only, or the local tier in front of it. */
public enum CacheMode {
    OFF("off"),
    L2("l2"),
    L1_L2("l1+l2");

    private final String text;

    CacheMode(String text) {
        this.text = text;
    }

    public boolean usesL1() {
        return this == L1_L2;
    }

    public boolean usesL2() {
        return this != OFF;
    }

    static CacheMode parse(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (CacheMode mode : values()) {
            if (mode.text.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected off, l2 or l1+l2");
    }

    @Override
    public String toString() {
        return text;
    }
}
