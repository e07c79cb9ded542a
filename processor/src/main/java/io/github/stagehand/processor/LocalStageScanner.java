package io.github.stagehand.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/**
 * Finds {@code @Stage} methods in local and anonymous classes, which javac never shows to
 * processors as elements, and reports {@code [StageOwnerLocal]} on them. It reads javac's syntax
 * trees, so it only runs where the {@link Trees} API is available ({@link TreeChecks}), and only
 * over compilation units that import {@code io.github.stagehand.annotation}.
 */
final class LocalStageScanner {
    private static final String PACKAGE = "io.github.stagehand.annotation";

    private final Trees trees;

    LocalStageScanner(Trees trees) {
        this.trees = trees;
    }

    /**
     * Reports each local or anonymous class of this round's sources that holds a {@code @Stage}
     * method.
     */
    void scan(RoundEnvironment round) {
        Set<CompilationUnitTree> units = new LinkedHashSet<>();
        for (Element root : round.getRootElements()) {
            if (root.getKind().isClass() || root.getKind().isInterface()) {
                TreePath path = trees.getPath(root);
                if (path != null && importsStage(path.getCompilationUnit())) {
                    units.add(path.getCompilationUnit());
                }
            }
        }
        for (CompilationUnitTree unit : units) {
            new Finder(unit).scan(unit, null);
        }
    }

    private static boolean importsStage(CompilationUnitTree unit) {
        for (ImportTree anImport : unit.getImports()) {
            String name = anImport.getQualifiedIdentifier().toString();
            if (name.equals(RuntimeNames.STAGE) || name.equals(PACKAGE + ".*")) {
                return true;
            }
        }
        return false;
    }

    private final class Finder extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;

        Finder(CompilationUnitTree unit) {
            this.unit = unit;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            Tree.Kind parent = getCurrentPath().getParentPath().getLeaf().getKind();
            boolean member = parent == Tree.Kind.COMPILATION_UNIT || isTypeDeclaration(parent);
            if (!member && hasStage(tree)) {
                String name = tree.getSimpleName().toString();
                String message = Messages.ownerLocal(name.isEmpty() ? "anonymous" : name);
                trees.printMessage(DiagnosticId.kindOf(message), message, tree, unit);
            }
            return super.visitClass(tree, unused);
        }

        private boolean isTypeDeclaration(Tree.Kind kind) {
            return kind == Tree.Kind.CLASS
                    || kind == Tree.Kind.INTERFACE
                    || kind == Tree.Kind.ENUM
                    || kind == Tree.Kind.RECORD
                    || kind == Tree.Kind.ANNOTATION_TYPE;
        }

        private boolean hasStage(ClassTree tree) {
            for (Tree member : tree.getMembers()) {
                if (member.getKind() == Tree.Kind.METHOD) {
                    for (AnnotationTree annotation :
                            ((MethodTree) member).getModifiers().getAnnotations()) {
                        String type = annotation.getAnnotationType().toString();
                        if (type.equals("Stage") || type.equals(RuntimeNames.STAGE)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
