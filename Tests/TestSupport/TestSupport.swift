// Finite-difference checks and other helpers shared by the test targets.
import Tensors
