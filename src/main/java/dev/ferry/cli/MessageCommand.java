package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.report.MessageTemplates;
import dev.ferry.report.MessageValues;
import dev.ferry.report.RunMessage;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry message}: runbook 000's messages, from editable templates, filled with Ferry's figures. */
@Command(name = "message", description = "Print one of the runbook's messages filled in: announce (from the latest dry"
        + " run's estimate), status, complete or rollback (from the run). Templates are text files; your own in"
        + " ~/.ferry/messages (or --templates DIR) replace Ferry's: {name} is a value Ferry fills, [TEXT] is yours.")
final class MessageCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Parameters(index = "0", paramLabel = "MESSAGE", description = "announce, status, complete or rollback")
    String message;

    @Option(names = "--run", paramLabel = "ID", description = "the run (default: the plan's latest)")
    String runId;

    @Option(names = "--templates", paramLabel = "DIR", description = "your templates (default: ~/.ferry/messages)")
    Path templates;

    @Override
    public Integer call() {
        RunMessage which;
        try {
            which = RunMessage.parse(message);
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(e.getMessage());
        }
        var loaded = plan.load();
        MessageTemplates.Template template = new MessageTemplates(templates != null ? templates
                : MessageTemplates.defaultFolder()).template(which);
        String text;
        try (MigrationEngine engine = connect(database)) {
            text = MessageTemplates.fill(template, MessageValues.of(which, engine, loaded, runId));
        }
        if (json()) {
            printJson(java.util.Map.of("message", which.name().toLowerCase(java.util.Locale.ROOT), "template",
                    template.origin(), "text", text));
        } else {
            out().println(text.stripTrailing());
        }
        return OK;
    }
}
