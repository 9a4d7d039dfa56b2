package dev.ferry.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog, the library JEXL calls, the sandbox and the README's function table say the same thing. */
class FunctionCatalogTest {

    @Test
    void everyLibraryMethodIsInTheCatalogWithTheArityItTakes() {
        Set<String> methods = Arrays.stream(FunctionLibrary.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).collect(Collectors.toSet());
        Set<String> catalog = FunctionCatalog.LIBRARY.stream().map(FunctionSpec::name).collect(Collectors.toSet());
        assertThat(methods).isEqualTo(catalog);
        for (FunctionSpec f : FunctionCatalog.LIBRARY) {
            Set<Integer> arities = Arrays.stream(FunctionLibrary.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(f.name())).map(m -> m.isVarArgs() ? -1 : m.getParameterCount())
                    .collect(Collectors.toSet());
            if (f.repeats()) {
                assertThat(arities).as(f.name()).containsExactly(-1);
            } else {
                for (int n = f.minArity(); n <= f.maxArity(); n++) {
                    assertThat(arities).as(f.name() + " with " + n + " arguments").contains(n);
                }
            }
        }
    }

    @Test
    void everyExamplePassesLint() {
        for (FunctionSpec f : FunctionCatalog.LIBRARY) {
            assertThat(ExpressionSandbox.problems(f.example(), false)).as(f.example()).isEmpty();
        }
        for (FunctionSpec f : FunctionCatalog.BUILT_IN) {
            assertThat(ExpressionSandbox.problems(f.example(), false)).as(f.example()).isEmpty();
        }
    }

    @Test
    void theReadmeDocumentsEveryFunction() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (FunctionSpec f : FunctionCatalog.LIBRARY) {
            assertThat(readme).as("README row for " + f.name()).contains("| `" + f.signature() + "` |");
            assertThat(readme).as("README example for " + f.name()).contains("`" + f.example() + "`");
        }
        for (FunctionSpec f : FunctionCatalog.BUILT_IN) {
            assertThat(readme).as("README row for " + f.name()).contains("| `" + f.signature() + "` |");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"getClass()", "hashCode()", "wait()", "notify()", "toString(1)", "ferry:getClass()",
        "ferry:wait()", "INSTANCE()", "exit(0)", "forName('java.lang.Runtime')"})
    void nothingButTheLibraryCanBeCalled(String call) {
        assertThatThrownBy(() -> ExpressionSandbox.compile(call)).isInstanceOf(ExpressionRefused.class);
    }
}
