package dev.ferry.ui.connections;

import dev.ferry.profile.ConnectionProfile;
import dev.ferry.service.Tone;

/** One entry of the connections list: a saved profile (or the built-in demo) and what Ferry last learnt about it. */
public record ProfileRow(String name, ConnectionProfile profile, Tone tone, String status, String reason) {

    public static final String DEMO = "Built-in demo";
    public static final String SHOP_DEMO = "Shop demo";

    public static ProfileRow demo(Tone tone, String status, String reason) {
        return new ProfileRow(DEMO, null, tone, status, reason);
    }

    /** The shop demo: an embedded PostgreSQL shop (the journal's database) with the MongoDB listings beside it. */
    public static ProfileRow shopDemo(Tone tone, String status, String reason) {
        return new ProfileRow(SHOP_DEMO, null, tone, status, reason);
    }

    public boolean isShopDemo() {
        return profile == null && SHOP_DEMO.equals(name);
    }

    public boolean isDemo() {
        return profile == null;
    }

    public String display() {
        return isShopDemo() ? "PostgreSQL shop + MongoDB listings"
                : isDemo() ? "MongoDB · runbook 000's user_data" : profile.display();
    }

    public ProfileRow with(Tone newTone, String newStatus, String newReason) {
        return new ProfileRow(name, profile, newTone, newStatus, newReason);
    }
}
