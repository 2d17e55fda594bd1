# The two set-up commands of the README: `make course` and `make test`.
SWIFT ?= swift
# Lessons that train use both cores; two at once would each run at half speed, past the time a
# lesson is budgeted for on this 2-core machine. `make course JOBS=2` overlaps them anyway.
JOBS ?= 1

.PHONY: course test grade build bench clean

## Install what is missing, build, render every lesson into Output/.
## The library that lessons link against is built in release mode, the runner in debug mode: it only
## parses, compiles and renders, and optimising swift-syntax (its cell parser) alone takes four minutes
## on 2 cores, its debug build under one. `make test` and `make grade` build the release runner too.
course:
	scripts/install-deps.sh course
	$(SWIFT) build -c release --product LessonKit
	$(SWIFT) build --product lessons
	.build/debug/lessons build --jobs $(JOBS)
	@echo "Open $(CURDIR)/Output/index.html"

## Install what is missing and run the whole test suite (library and runner).
## The tests share `.build` with the lessons: no test uses `@testable import`, and without testable
## imports the library compiles exactly as lessons link against it (libLessonKit.so is unchanged, so
## no lesson's cache goes stale), and swift-syntax and the library are built once, not twice.
test:
	scripts/install-deps.sh test
	$(SWIFT) build -c release
	$(SWIFT) test -c release --disable-testable-imports

## The student's grade: the public checks, with the feedback the teacher's grader gives.
grade:
	scripts/install-deps.sh grade
	$(SWIFT) build -c release --product lessons
	.build/release/lessons grade

build:
	$(SWIFT) build -c release

## Performance: the runner's overhead and the library against PyTorch (see README).
bench:
	scripts/install-deps.sh course
	$(SWIFT) build -c release
	scripts/bench.sh

clean:
	rm -rf .build Output/*.html Output/assets .lessons-cache
