package io.runledger.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every literal name a module's classes hand to {@code Reflect} (method and field names, class names
 * for {@code isA}/{@code callStatic}) is declared in its {@code reflective-names.txt}; NameCheckIT then
 * checks the declarations against each supported framework version. Names built at run time (a loop
 * over a String array) are not seen here and must be declared by hand.
 */
class ReflectiveNamesTest {

    private static final String REFLECT = "io/runledger/util/Reflect";

    @Test
    void everyNameAModuleReadsByReflectionIsDeclared() throws Exception {
        List<String> undeclared = new ArrayList<>();
        int seen = 0;
        for (FrameworkModule module : Modules.all().values()) {
            ReflectiveNames declared = ReflectiveNames.of(module.name());
            Path dir = Paths.get("target/classes/io/runledger/instrument", module.name());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    for (String[] use : uses(f)) {
                        seen++;
                        boolean ok = use[0].equals("class") ? declared.members().containsKey(use[1]) : declared.declaresMember(use[1]);
                        if (!ok) {
                            undeclared.add(module.name() + ": " + use[0] + " '" + use[1] + "' in " + f.getFileName());
                        }
                    }
                }
            }
        }
        assertTrue(seen > 50, "the scan found the modules' reflective reads (" + seen + ")");
        assertTrue(undeclared.isEmpty(), "declare these in the module's reflective-names.txt:\n" + String.join("\n", undeclared));
    }

    @Test
    void everyFrameworkModuleDeclaresItsNames() throws Exception {
        for (String name : new String[] {"dl4j", "tribuo", "smile"}) {
            assertFalse(ReflectiveNames.of(name).members().isEmpty(), name);
        }
    }

    /** (kind, name) pairs: the string constant right before each call to Reflect (or a module's own method(Class, String)). */
    private static List<String[]> uses(Path classFile) throws IOException {
        List<String[]> out = new ArrayList<>();
        new ClassReader(Files.readAllBytes(classFile)).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private final List<Object> constants = new ArrayList<>();

                    @Override
                    public void visitLdcInsn(Object value) {
                        constants.add(value);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        String last = constants.isEmpty() || !(constants.get(constants.size() - 1) instanceof String) ? null
                                : (String) constants.get(constants.size() - 1);
                        if (owner.equals(REFLECT) && last != null) {
                            if (method.equals("isA")) {
                                out.add(new String[] {"class", last});
                            } else if (method.equals("callStatic") && constants.size() >= 2) {
                                out.add(new String[] {"class", (String) constants.get(constants.size() - 2)});
                                out.add(new String[] {"member", last});
                            } else if ((method.equals("call") || method.equals("field")) && desc.startsWith("(Ljava/lang/Object;Ljava/lang/String;)")) {
                                out.add(new String[] {"member", last});
                            }
                        } else if (method.equals("method") && desc.equals("(Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/reflect/Method;")
                                && last != null) {
                            out.add(new String[] {"member", last});
                        }
                        constants.clear();
                    }
                };
            }
        }, 0);
        return out;
    }
}
