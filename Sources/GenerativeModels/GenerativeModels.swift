// The models of the course's deep lessons (GANs, VAEs, diffusion) and their sample-quality
// measures, built on NeuralNetworks, Probability and Metrics. One model per file.
import NeuralNetworks
