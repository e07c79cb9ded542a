package io.github.stagehand.processor;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;

/**
 * Reads a stage's body and warns {@code [StageCatchesCancel]} at each {@code catch} that would
 * swallow the {@code CancelledException} thrown by a send, receive or iteration of the stage's own
 * {@code In}/{@code Out}: a stage that carries on after {@code done} closes keeps {@code close()}
 * and {@code run()} waiting for it.
 *
 * <p>It reads javac's syntax trees, so it runs only where the {@link Trees} API is available
 * ({@link TreeChecks}). The trees are not attributed while processors run, so types and channels
 * are matched by name: the caught type as written ({@code Throwable}, {@code Error} or {@code
 * CancelledException}, simple or qualified) and the stage's {@code In}/{@code Out} parameter names.
 * {@code Exception} and {@code RuntimeException} are not warned about: {@code CancelledException}
 * is an {@code Error}.
 */
final class CancelCatchScanner {
    /** Caught types that include {@code CancelledException}, as a user may write them. */
    private static final Set<String> CATCHES_CANCEL =
            Set.of(
                    "Throwable",
                    "java.lang.Throwable",
                    "Error",
                    "java.lang.Error",
                    "CancelledException",
                    RuntimeNames.PACKAGE + ".CancelledException");

    /** The {@code @SuppressWarnings} value that turns the warning off. */
    static final String SUPPRESSION = "StageCatchesCancel";

    /** The calls on an {@code In} that receive: each may end the stage. */
    private static final Set<String> RECEIVING = Set.of("receive", "iterator", "stream", "forEach");

    private final Trees trees;

    CancelCatchScanner(Trees trees) {
        this.trees = trees;
    }

    /** Warns at each catch clause in {@code stage}'s body that swallows its cancellation. */
    void scan(StageDescriptor stage) {
        if (suppressed(stage.method())) {
            return;
        }
        Set<String> ins = parameterNames(stage, StageParameter.Kind.IN);
        Set<String> outs = parameterNames(stage, StageParameter.Kind.OUT);
        TreePath method = trees.getPath(stage.method());
        if (method == null || (ins.isEmpty() && outs.isEmpty())) {
            return;
        }
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitTry(TryTree tree, Void unused) {
                String operation = new ChannelOperation(ins, outs).in(tree);
                if (operation != null) {
                    check(tree, operation, stage, getCurrentPath());
                }
                return super.visitTry(tree, unused);
            }
        }.scan(method, null);
    }

    /**
     * Whether {@code @SuppressWarnings("StageCatchesCancel")} is on the stage method or a class
     * around it: the user says the catch is meant (a stage that ends on its own terms, or a test of
     * the stuck-stage report).
     */
    private static boolean suppressed(Element element) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null && List.of(suppress.value()).contains(SUPPRESSION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first clause of {@code tree} that catches cancellation decides: javac hands the exception
     * to that one only.
     */
    private void check(TryTree tree, String operation, StageDescriptor stage, TreePath path) {
        for (CatchTree clause : tree.getCatches()) {
            String caught = catchesCancel(clause);
            if (caught == null) {
                continue;
            }
            if (!rethrows(clause)) {
                // a warning only: the body does not change what is generated
                String message = Messages.catchesCancel(stage.name(), caught, operation);
                trees.printMessage(
                        DiagnosticId.kindOf(message),
                        message,
                        clause.getParameter(),
                        path.getCompilationUnit());
            }
            return;
        }
    }

    /** The caught type, as written, that includes {@code CancelledException}; null if none. */
    private static String catchesCancel(CatchTree clause) {
        Tree type = clause.getParameter().getType();
        List<? extends Tree> alternatives =
                type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type);
        for (Tree alternative : alternatives) {
            String name = alternative.toString();
            if (CATCHES_CANCEL.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** Whether the catch block holds a {@code throw} of its own parameter. */
    private static boolean rethrows(CatchTree clause) {
        String parameter = clause.getParameter().getName().toString();
        Boolean found =
                new TreeScanner<Boolean, Void>() {
                    @Override
                    public Boolean visitThrow(ThrowTree tree, Void unused) {
                        return isName(tree.getExpression(), parameter);
                    }

                    @Override
                    public Boolean reduce(Boolean first, Boolean second) {
                        return Boolean.TRUE.equals(first) || Boolean.TRUE.equals(second);
                    }
                }.scan(clause.getBlock(), null);
        return Boolean.TRUE.equals(found);
    }

    private static Set<String> parameterNames(StageDescriptor stage, StageParameter.Kind kind) {
        return stage.parameters().stream()
                .filter(p -> p.kind() == kind)
                .map(StageParameter::name)
                .collect(Collectors.toSet());
    }

    private static boolean isName(ExpressionTree tree, String name) {
        return tree instanceof IdentifierTree identifier
                && identifier.getName().contentEquals(name);
    }

    /**
     * Finds, in a try statement's resources and block, the first send, receive or iteration on the
     * stage's channels, described as the user wrote it ({@code out.send(...)}).
     */
    private static final class ChannelOperation extends TreeScanner<String, Void> {
        private final Set<String> ins;
        private final Set<String> outs;

        ChannelOperation(Set<String> ins, Set<String> outs) {
            this.ins = ins;
            this.outs = outs;
        }

        /** The first operation in {@code tree}'s resources or block; null if there is none. */
        String in(TryTree tree) {
            String found = scan(tree.getResources(), null);
            return found != null ? found : scan(tree.getBlock(), null);
        }

        @Override
        public String visitMethodInvocation(MethodInvocationTree tree, Void unused) {
            if (tree.getMethodSelect() instanceof MemberSelectTree select
                    && select.getExpression() instanceof IdentifierTree channel) {
                String name = channel.getName().toString();
                String method = select.getIdentifier().toString();
                boolean sends = outs.contains(name) && method.equals("send");
                if (sends || (ins.contains(name) && RECEIVING.contains(method))) {
                    return name + "." + method + (tree.getArguments().isEmpty() ? "()" : "(...)");
                }
            }
            return super.visitMethodInvocation(tree, unused);
        }

        @Override
        public String visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
            if (tree.getExpression() instanceof IdentifierTree channel
                    && ins.contains(channel.getName().toString())) {
                return "the for loop over " + channel.getName();
            }
            return super.visitEnhancedForLoop(tree, unused);
        }

        @Override
        public String reduce(String first, String second) {
            return first != null ? first : second;
        }
    }
}
