import ArgumentParser
import Notebook
print("lessons: not yet")
