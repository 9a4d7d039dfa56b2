package dev.ferry.ui.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The console's screens, in the order a runbook walks them, as the sidebar lists them. */
public enum Screen {
    CONNECTIONS("Connections", Material2AL.DNS),
    ASSESSMENT("Assessment", Material2AL.ANALYTICS),
    PLAN("Plan & mapping", Material2AL.ACCOUNT_TREE),
    DRY_RUN("Dry run", Material2MZ.SCIENCE),
    RUN("Run", Material2MZ.SHOW_CHART),
    VALIDATION("Validation", Material2AL.FACT_CHECK),
    ROLLBACK("Rollback", Material2MZ.SETTINGS_BACKUP_RESTORE),
    HISTORY("History", Material2AL.HISTORY),
    MIGRATIONS("Migrations", Material2AL.LAYERS);

    private final String title;
    private final Ikon icon;

    Screen(String title, Ikon icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** The id of the screen's sidebar button, for keyboard-free tests: {@code nav-dry-run}. */
    public String navId() {
        return "nav-" + name().toLowerCase().replace('_', '-');
    }
}
