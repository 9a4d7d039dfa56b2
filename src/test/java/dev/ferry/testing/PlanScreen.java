package dev.ferry.testing;

import dev.ferry.service.PlanDrafts;
import dev.ferry.service.PlanService;
import dev.ferry.service.PlanTextService;
import dev.ferry.service.PreviewService;
import dev.ferry.service.Session;
import dev.ferry.service.TaskExecutor;
import dev.ferry.ui.plan.PlanEditorViewModel;
import dev.ferry.ui.plan.PlanViewModel;
import java.nio.file.Path;

/** The plan screen's view model wired as the console wires it (its editor included), for tests without a window. */
public final class PlanScreen {

    private PlanScreen() {
    }

    /** @param home where the editor keeps its drafts (a test's own folder, never ~/.ferry) */
    public static PlanViewModel model(Session session, TaskExecutor executor, PlanService plans, Path home) {
        PlanEditorViewModel editor = new PlanEditorViewModel(session, new PlanTextService(executor, session,
                plans.recent(), new PlanDrafts(home.resolve("drafts"))), executor);
        return new PlanViewModel(session, plans, new PreviewService(executor, session), editor);
    }
}
